// test-net-connect-immediate-finish: end() while the host is still being looked up: the lookup's ENOTFOUND still comes as 'error'
// (not swallowed), with no port or host added.
const { net, t } = require('./_harness');
const host = 'something.invalid';
const c = net.connect({ host, port: 80, lookup: (h, o, cb) => {
  t('lookup asked', h);
  cb(Object.assign(new Error(`getaddrinfo ENOTFOUND ${h}`), { code: 'ENOTFOUND', syscall: 'getaddrinfo', hostname: h }));
} }, () => t('connect'));
c.once('error', e => t('error', e.code, e.message, e.syscall, e.hostname, 'port' in e, 'address' in e));
c.on('close', h => t('close', h));
c.end();
t('ended');
