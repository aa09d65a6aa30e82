// test-net-socket-destroy-twice: destroy() inside the 'error' of a refused connection (the server closed at once) is harmless:
// one 'error', one 'close'.
const { net, t, port } = require('./_harness');
const s = net.createServer();
s.listen(0);
const p = port(s.address().port);
const c = net.createConnection(p, '127.0.0.1');
c.on('error', e => { t('error', e.code, e.syscall); c.destroy(); });
c.on('close', h => t('close', h));
s.close();
