const { net, t, err, tmp, fs } = require('./_harness');
// A path longer than sun_path: listen and connect fail with EINVAL (Node 22 and later; Node 20 bound a truncated name).
const path = tmp + '/' + 'x'.repeat(120) + '.sock';
const s = net.createServer();
s.on('error', e => {
  t('listen', err(e), s.listening, fs.readdirSync(tmp).length);
  const c = net.connect(path);
  t('connecting', c.connecting, c.pending);
  c.on('error', e2 => t('connect', err(e2), c.destroyed));
  c.on('close', h => t('close', h));
});
s.listen(path);
