// test-net-socket-ready-without-cb: a Socket connected to server.address() (a server on 'localhost') emits 'ready'.
const { net, t, port } = require('./_harness');
const s = net.createServer(conn => { conn.end(); s.close(); });
s.listen(0, 'localhost', () => {
  const a = s.address();
  port(a.port);
  const c = new net.Socket();
  c.on('ready', () => { t('ready', c.remoteAddress === a.address); c.end(); });
  c.resume();
  c.connect({ port: a.port, family: a.family === 'IPv6' ? 6 : 4 });
});
