// test-net-server-listen-remove-callback: the listen callback is a once listener: after each close no 'listening' listener is left.
const { net, t } = require('./_harness');
const s = net.createServer();
let closes = 0;
s.on('close', () => t('close', ++closes, s.listenerCount('listening')));
s.listen(0, '127.0.0.1', () => { t('listening 1'); s.close(); });
s.once('close', () => s.listen(0, '127.0.0.1', () => { t('listening 2'); s.close(); }));
