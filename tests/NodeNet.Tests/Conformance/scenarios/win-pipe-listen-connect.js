// Windows named pipes: listen, address, connect, data, end, close; the address stays the name after close.
const { net, t } = require('./_harness');
const name = '\\\\.\\pipe\\nodenet-conformance-listen';
const s = net.createServer(sock => {
  t('connection', sock.remoteAddress, sock.localAddress, sock.remotePort, sock.address());
  sock.end('hello over a named pipe');
});
const r = s.listen(name, () => {
  t('listening', s.address());
  const c = net.connect(name, () => t('connect', c.remoteAddress, c.address()));
  c.setEncoding('utf8');
  c.on('data', d => t('data', d));
  c.on('end', () => t('end'));
  c.on('close', h => {
    t('client close', h);
    s.close(() => {
      t('closed', s.address());
      const again = net.createServer().listen(name, () => { t('listening again'); again.close(() => t('closed again')); });
    });
  });
});
t('sync', r === s, s.listening, s.address());
