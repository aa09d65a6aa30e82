const { net, t, err, tryDo, tmp, fs } = require('./_harness');
// A NUL inside a host is refused at once; inside a socket path it is EINVAL from listen and connect (Node 22 and
// later: libuv no longer cuts the name short, and nothing is created).
tryDo('listen(0, host)', () => net.createServer().listen(0, '127.0.0.1\0evil'));
tryDo('listen({ port, host })', () => net.createServer().listen({ port: 0, host: '127.0.0.1\0evil' }));
tryDo('connect({ port, host })', () => net.connect({ port: 1, host: '127.0.0.1\0evil' }));
const path = tmp + '/s\0evil';
const s = net.createServer();
s.on('error', e => {
  t('listen(path)', err(e), fs.readdirSync(tmp).length);
  const c = net.connect(path);
  c.on('error', e2 => t('connect(path)', err(e2)));
  c.on('close', h => t('close', h));
});
s.listen(path);
