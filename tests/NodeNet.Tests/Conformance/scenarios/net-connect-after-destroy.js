// test-net-connect-after-destroy: destroy() at once after connecting by host name: the lookup that finishes later does nothing
// (no connect, no error). (Node's test resolves google.com; 'localhost' keeps this off the network.)
const { net, t } = require('./_harness');
const c = net.createConnection(80, 'localhost');
c.on('lookup', () => t('lookup'));
c.on('connect', () => t('connect'));
c.on('error', e => t('error', e.code));
c.on('close', h => t('close', h));
c.destroy();
t('destroyed', c.destroyed);
