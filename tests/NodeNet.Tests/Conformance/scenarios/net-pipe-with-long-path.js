// test-net-pipe-with-long-path: a socket path of 10000+ characters: listen emits EINVAL, and connecting to it errs EINVAL too.
const { net, t, tmp, fs } = require('./_harness');
const path = `${tmp}/${'x'.repeat(10000)}.sock`;
const s = net.createServer();
s.listen(path);
s.on('listening', () => t('listening'));
s.on('error', e => {
  t('listen error', e.code, e.syscall, fs.existsSync(path));
  const c = net.connect(path);
  c.on('error', e2 => t('connect error', e2.code, e2.syscall));
  c.on('close', h => t('close', h));
});
