// test-net-server-unref-persistent: unref() called before listen() still holds once listening, so the process ends (the
// unref'd 1 s guard timer never fires; if it does, it says so and closes the server).
const { net, t } = require('./_harness');
const s = net.createServer();
t('unref returns server', s.unref() === s);
s.listen(0, '127.0.0.1', () => t('listening'));
setTimeout(() => { t('still alive after 1 s'); s.close(); }, 1000).unref();
