// test-net-better-error-messages-listen: listen(1, '1.1.1.1'): the error carries address '1.1.1.1', port 1 and syscall 'listen'.
const { net, t } = require('./_harness');
const s = net.createServer(() => t('connection'));
s.listen(1, '1.1.1.1', () => t('listening'));
s.on('error', e => t('error', e.address, e.port, e.syscall));
