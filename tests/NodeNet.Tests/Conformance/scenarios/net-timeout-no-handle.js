// test-net-timeout-no-handle: setTimeout(50) on a Socket that never connects still emits 'timeout'; 'connect' never comes.
const { net, t } = require('./_harness');
const c = new net.Socket();
c.setTimeout(50);
c.on('timeout', () => t('timeout', c.connecting, c.pending, c.readyState));
c.on('connect', () => t('connect'));
setTimeout(() => t('done'), 200);
