// test-net-connect-reset-before-connected: resetAndDestroy() then destroy() while connecting: no 'error', no connect callback.
const { net, t, port } = require('./_harness');
const s = net.createServer();
s.listen(0);
const p = port(s.address().port);
const c = net.connect(p, '127.0.0.1', () => t('connect'));
c.on('error', e => t('error', e.code));
c.on('close', h => t('close', h));
s.close(() => t('server closed'));
t('reset returned this', c.resetAndDestroy() === c);
t('destroy returned this', c.destroy() === c, c.destroyed);
