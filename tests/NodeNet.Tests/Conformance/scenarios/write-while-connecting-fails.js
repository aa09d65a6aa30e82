const { net, t, port, err } = require('./_harness');
const s = net.createServer();
s.listen(0, '127.0.0.1', () => {
  const p = port(s.address().port);
  s.close(() => {
    const c = net.connect(p, '127.0.0.1');
    c.write('first', e => t('first cb', e && e.code));
    c.write('second', e => t('second cb', e && e.code));
    t('bytesWritten while connecting', c.bytesWritten);
    c.on('error', e => t('error', e.code));
    c.on('close', h => t('close', h));
  });
});
