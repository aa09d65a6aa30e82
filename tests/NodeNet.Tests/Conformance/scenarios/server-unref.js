const { net, t, port } = require('./_harness');
const s = net.createServer();
s.unref();
s.listen(0, '127.0.0.1', () => { port(s.address().port); t('listening', s.listening); });
t('listen called');
const u = net.createServer();
u.listen(0, '127.0.0.1', () => { port(u.address().port); t('second listening'); u.unref(); });
