// test-net-listening: server.listening is false before listen, true in the listen callback, false in the close callback.
const { net, t, listen } = require('./_harness');
const s = net.createServer();
t('before', s.listening);
listen(s, () => {
  t('listening', s.listening);
  s.close(() => t('closed', s.listening));
});
