// test-net-server-unref: unref() right after listen(0) lets the process end (the unref'd 1 s guard timer never fires).
const { net, t } = require('./_harness');
const s = net.createServer();
s.listen(0);
t('listening at once', s.listening);
s.unref();
setTimeout(() => { t('still alive after 1 s'); s.close(); }, 1000).unref();
