// test-net-socket-reset-twice: resetAndDestroy() inside the 'error' of a refused connection is harmless: one 'error', one 'close'.
const { net, t, port } = require('./_harness');
const s = net.createServer();
s.listen(0);
const p = port(s.address().port);
const c = net.createConnection(p, '127.0.0.1');
c.on('error', e => { t('error', e.code, e.syscall); t('reset returns socket', c.resetAndDestroy() === c); });
c.on('close', h => t('close', h));
s.close();
