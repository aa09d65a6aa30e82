const { net, t, listen } = require('./_harness');
// Everything is unref'd once connected, so the process ends although both sockets stay open.
const s = net.createServer(sock => { sock.resume(); sock.unref(); });
listen(s, p => {
  s.unref();
  const c = net.connect(p, '127.0.0.1', () => { t('connect'); c.unref(); });
  c.unref(); // before a handle exists: deferred to connect
  c.ref();   // ...and overridden
});
