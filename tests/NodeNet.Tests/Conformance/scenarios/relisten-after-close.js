const { net, t, port } = require('./_harness');
const s = net.createServer();
s.listen(0, '127.0.0.1', () => {
  port(s.address().port);
  t('first listening');
  s.close(() => {
    t('closed', s.listening);
    s.listen(0, '127.0.0.1', () => { port(s.address().port); t('second listening', s.listening); s.close(); });
  });
});
s.on('close', () => t('close event'));
