// test-net-local-address-port: an accepted socket's localAddress/localPort/localFamily are the server's address.
const { net, t, listen } = require('./_harness');
const s = net.createServer(sock => {
  const a = s.address();
  t('local', sock.localAddress, sock.localPort === a.port, sock.localFamily, sock.localFamily === a.family);
  sock.on('end', () => s.close());
  sock.resume();
});
listen(s, p => {
  const c = net.createConnection(p, '127.0.0.1');
  c.on('connect', () => c.end());
});
