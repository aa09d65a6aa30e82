const { net, t, tmp, fs } = require('./_harness');
const path = tmp + '/server.sock';
const s = net.createServer(sock => {
  t('connection', sock.remoteAddress, sock.localAddress, sock.remotePort, sock.address());
  sock.end('hello over a pipe');
});
const r = s.listen(path, () => {
  t('listening', s.address(), fs.statSync(path).isSocket());
  const c = net.connect(path, () => t('connect', c.remoteAddress, c.address()));
  c.setEncoding('utf8');
  c.on('data', d => t('data', d));
  c.on('end', () => t('end'));
  c.on('close', h => {
    t('client close', h);
    s.close(() => t('closed', s.address(), fs.existsSync(path)));
  });
});
t('sync', r === s, s.listening, s.address());
