// test-net-pipe-connect-errors: connecting to a regular file (ECONNREFUSED or ENOTSOCK) and to a missing path (ENOENT), no
// connect callback. (Node's chmod-0 EACCES case is skipped as root, as Node's test skips it; this suite runs as root in CI.)
const { net, t, err, tmp, fs } = require('./_harness');
const file = tmp + '/0.txt';
fs.writeFileSync(file, '');
const a = net.createConnection(file, () => t('connected to a file'));
a.on('error', e => {
  t('file', e.code === 'ENOTSOCK' || e.code === 'ECONNREFUSED', e.syscall);
  const b = net.createConnection('no-ent-file', () => t('connected to nothing'));
  b.on('error', e2 => t('missing', err(e2)));
  b.on('close', h => t('close', h));
});
