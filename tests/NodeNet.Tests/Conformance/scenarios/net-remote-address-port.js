// test-net-remote-address-port: remoteAddress/remoteFamily/remotePort are undefined before connect, the peer's once connected
// (server side: not the server's port), and still there after 'close'.
const { net, t, listen } = require('./_harness');
let closed = 0;
const s = net.createServer(sock => {
  t('server sees', sock.remoteAddress, sock.remoteFamily, typeof sock.remotePort, sock.remotePort !== s.address().port);
  sock.on('end', () => { if (++closed === 2) s.close(); });
  sock.on('close', () => t('server after close', sock.remoteAddress, sock.remoteFamily));
  sock.resume();
});
listen(s, p => {
  const c = net.createConnection(p, '127.0.0.1');
  t('before connect', c.remoteAddress, c.remoteFamily, c.remotePort);
  c.on('connect', () => {
    t('connect', c.remoteAddress, c.remoteFamily, c.remotePort === p);
    c.end();
    const c2 = net.createConnection(p, '127.0.0.1');
    t('before connect 2', c2.remoteAddress, c2.remoteFamily, c2.remotePort);
    c2.on('connect', () => { t('connect 2', c2.remoteAddress, c2.remoteFamily, c2.remotePort === p); c2.end(); });
    c2.on('close', () => t('after close 2', c2.remoteAddress, c2.remoteFamily, c2.remotePort === p));
  });
  c.on('close', () => t('after close', c.remoteAddress, c.remoteFamily, c.remotePort === p));
});
