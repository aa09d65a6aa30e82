// test-net-better-error-messages-port-hostname: a lookup failing with ENOTFOUND reaches 'error' as the resolver gave it, with
// no port or host added by net. (Node's mock sets errno to the string 'ENOTFOUND'; NodeNet's errno is a number, left unset.)
const { net, t } = require('./_harness');
const host = 'something.invalid';
const c = net.createConnection({ port: 0, host, lookup: (h, o, cb) => {
  t('lookup asked', h);
  cb(Object.assign(new Error(`getaddrinfo ENOTFOUND ${h}`), { code: 'ENOTFOUND', syscall: 'getaddrinfo', hostname: h }));
} });
c.on('connect', () => t('connect'));
c.on('error', e => t('error', e.name, e.code, e.message, e.syscall, e.hostname, 'port' in e, 'address' in e));
