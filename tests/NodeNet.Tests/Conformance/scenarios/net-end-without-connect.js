// test-net-end-without-connect: end(cb) on a Socket that never connected calls cb, and the socket is no longer writable then.
const { net, t } = require('./_harness');
const c = new net.Socket();
c.end(() => t('end cb', c.writable));
c.on('close', h => t('close', h));
