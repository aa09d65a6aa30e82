const { net, t, port } = require('./_harness');
const s = net.createServer();
s.listen(0, () => {
  port(s.address().port);
  s.on('close', () => t('close event', 'listening', s.listening));
  s.close(() => t('close cb'));
  s.listen(0, () => { port(s.address().port); t('listening again'); s.close(); });
});
