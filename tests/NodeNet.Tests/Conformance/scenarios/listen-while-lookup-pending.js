const { net, t, port } = require('./_harness');
// A listen whose host lookup is still pending is made void by a second listen: one handle, one 'listening'.
const s = net.createServer(c => { t('connection'); c.destroy(); });
let n = 0;
s.on('listening', () => { n++; port(s.address().port); t('listening', n, s.address().address); });
s.listen(0, 'localhost');
s.listen(0); // no host: it binds at once, and the lookup above must not bind a second handle
setTimeout(() => {
  t('after the lookup', n, s.listening);
  const c = net.connect(s.address().port, '127.0.0.1', () => { t('connected'); c.destroy(); s.close(() => t('closed', s.listening)); });
}, 300);
