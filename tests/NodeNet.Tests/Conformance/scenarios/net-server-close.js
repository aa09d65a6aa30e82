// test-net-server-close: close() returns the server and, once the existing connections are destroyed, 'close' fires;
// listen() returns the server too.
const { net, t, port } = require('./_harness');
const sockets = [];
const s = net.createServer(c => {
  c.on('close', () => t('socket close'));
  sockets.push(c);
  if (sockets.length === 2) {
    t('close returns server', s.close() === s);
    sockets.forEach(x => x.destroy());
  }
});
s.on('close', () => t('server close'));
t('listen returns server', s.listen(0, '127.0.0.1', () => {
  const p = port(s.address().port);
  for (let i = 0; i < 2; i++) { const c = net.createConnection(p, '127.0.0.1'); c.on('error', () => {}); c.resume(); }
}) === s);
