// test-net-connect-destroy: destroy() on a Socket that never connected emits 'close' once.
const { net, t } = require('./_harness');
const c = new net.Socket();
c.on('close', h => t('close', h === true, c.destroyed));
c.destroy();
t('destroyed', c.destroyed);
