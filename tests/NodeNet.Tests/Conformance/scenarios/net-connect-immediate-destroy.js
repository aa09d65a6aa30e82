// test-net-connect-immediate-destroy: connect, then at once close the server and destroy the socket: no 'error', no connect.
const { net, t, port } = require('./_harness');
const s = net.createServer();
s.listen(0);
const p = port(s.address().port);
const c = net.connect(p, '127.0.0.1', () => t('connect'));
c.on('error', e => t('error', e.code));
c.on('close', h => t('close', h));
s.close(() => t('server closed'));
c.destroy();
t('sync done', c.destroyed);
