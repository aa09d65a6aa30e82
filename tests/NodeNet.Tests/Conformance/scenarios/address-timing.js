const { net, t, port, addr } = require('./_harness');
const s = net.createServer();
t('before listen', s.address());
s.listen(0, 'localhost', () => {
  port(s.address().port);
  t('listening', addr(s.address()));
  s.close();
  t('after close', s.address());
});
t('during lookup', s.address(), s.listening);
