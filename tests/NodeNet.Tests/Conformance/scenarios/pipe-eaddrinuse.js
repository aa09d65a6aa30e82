const { net, t, err, tmp, fs } = require('./_harness');
const file = tmp + '/regular';
fs.writeFileSync(file, 'not a socket');
const a = net.createServer();
a.on('error', e => {
  t('on a regular file', err(e), a.listening, a.address(), fs.readFileSync(file, 'utf8'));
  const live = net.createServer();
  live.listen(tmp + '/live.sock', () => {
    const b = net.createServer();
    b.on('error', e2 => {
      t('on a live path', err(e2));
      live.close(() => t('live closed', fs.existsSync(tmp + '/live.sock')));
    });
    b.listen(tmp + '/live.sock');
  });
});
a.listen(file);
