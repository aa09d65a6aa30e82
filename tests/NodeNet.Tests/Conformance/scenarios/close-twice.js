const { net, t, port } = require('./_harness');
const s = net.createServer();
let n = 0;
s.on('close', () => t('close event', ++n));
s.listen(0, '127.0.0.1', () => {
  port(s.address().port);
  s.close(e => t('first cb', e ? e.code : null));
  s.close(e => t('second cb', e ? e.code : null));
});
