// test-net-listen-close-server: close() right after listen(0): no 'listening' callback and no 'error'.
const { net, t } = require('./_harness');
const s = net.createServer(() => t('connection'));
s.listen(0, () => t('listening'));
s.on('error', e => t('error', e.code));
s.close(e => t('close cb', e === undefined || e === null));
