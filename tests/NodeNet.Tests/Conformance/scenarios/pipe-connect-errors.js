const { net, t, err, tmp, fs } = require('./_harness');
fs.writeFileSync(tmp + '/regular', 'x');
const a = net.connect(tmp + '/missing.sock');
a.on('error', e => {
  t('missing', err(e));
  const b = net.connect(tmp + '/regular');
  b.on('error', e2 => t('regular file', err(e2)));
  b.on('close', h => t('close', h));
});
