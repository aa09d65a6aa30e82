// test-net-connect-handle-econnrefused (sequential): a refused connection (to a port just freed) is no longer connecting
// when its 'error' comes.
const { net, t, listen } = require('./_harness');
const s = net.createServer();
listen(s, p => s.close(() => {
  const c = net.createConnection(p, '127.0.0.1');
  c.on('connect', () => t('connect'));
  c.on('error', e => t('error', c.connecting, e.code));
}));
