// test-net-localport (sequential): connect({ localPort }) binds the client to that port: the server sees it as remotePort and
// the client as localPort. (Node's fixed common.PORT is a port just freed here.)
const { net, t, listen } = require('./_harness');
const f = net.createServer();
listen(f, lp => f.close(() => {
  const s = net.createServer(sock => {
    t('server sees remotePort', sock.remotePort === lp);
    sock.end();
    sock.on('close', () => s.close());
  });
  listen(s, p => {
    const c = net.connect({ host: '127.0.0.1', port: p, localPort: lp });
    c.on('connect', () => t('client localPort', c.localPort === lp));
    c.resume();
  });
}));
