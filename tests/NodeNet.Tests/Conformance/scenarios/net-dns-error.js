// test-net-dns-error: a 64-character host of '*' cannot be resolved: 'lookup' gets the error (ENOTFOUND or EAI_FAIL) with no
// address or family, then 'error'.
const { net, t } = require('./_harness');
const host = '*'.repeat(64);
const codes = ['ENOTFOUND', 'EAI_FAIL'];
const c = net.connect(42, host, () => t('connect'));
c.on('lookup', (e, ip, type) => t('lookup', e instanceof Error, codes.includes(e.code), ip, type));
c.on('error', e => t('error', codes.includes(e.code), e.syscall, e.hostname === host));
