// test-net-connect-reset: resetAndDestroy() on a Socket that never connected emits ERR_SOCKET_CLOSED (later, so a listener added after the call hears it).
const { net, t, err } = require('./_harness');
const c = new net.Socket();
t('returned this', c.resetAndDestroy() === c);
c.on('error', e => t('error', err(e)));
c.on('close', (...a) => t('close', a.length ? a[0] : 'none'));
