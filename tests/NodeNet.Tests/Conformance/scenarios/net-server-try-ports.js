// test-net-server-try-ports: after an EADDRINUSE 'error' the same Server object can listen(0) successfully.
const { net, t, port } = require('./_harness');
const a = net.createServer(), b = net.createServer();
b.on('error', e => {
  t('error', e.code, b.listening);
  b.listen(0, () => { t('b listening', b.listening); a.close(); b.close(); });
});
a.listen(0, () => b.listen(port(a.address().port)));
