const { net, t, tryDo, port } = require('./_harness');
const s = net.createServer();
s.listen(0, () => {
  port(s.address().port);
  tryDo('second listen', () => s.listen(0));
  s.close(() => t('closed'));
});
tryDo('listen while listening (sync)', () => s.listen(0));
