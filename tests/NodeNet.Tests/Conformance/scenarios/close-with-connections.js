const { net, t, listen, err } = require('./_harness');
const s = net.createServer(sock => {
  t('server connection');
  sock.on('end', () => t('server socket end'));
  sock.on('close', h => t('server socket close', h));
  s.close(() => t('server close cb'));
  t('closed listener', s.listening);
  s.getConnections((e, n) => t('connections', n));
  const c2 = net.connect(p, '127.0.0.1');
  c2.on('error', e => {
    t('new client', err(e));
    c.end();
  });
});
s.on('close', () => t('server close event'));
let c, p;
listen(s, port => {
  p = port;
  c = net.connect(p, '127.0.0.1');
  c.on('end', () => t('client end'));
  c.on('close', h => t('client close', h));
  c.resume();
});
