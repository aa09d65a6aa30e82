// test-net-socket-reset-send (the same test as test-net-connect-reset-after-destroy): resetAndDestroy().destroy() returns the socket; a later write calls back with
// ERR_STREAM_DESTROYED and no 'error'; the server's socket reads ECONNRESET.
const { net, t, listen, err } = require('./_harness');
const s = net.createServer();
listen(s, p => {
  const c = net.createConnection(p, '127.0.0.1');
  s.on('connection', sock => sock.on('error', e => t('server socket error', err(e))));
  c.on('connect', () => {
    t('returns socket', c.resetAndDestroy().destroy() === c);
    c.on('error', e => t('error', e.code));
    c.write(Buffer.from('fzfzfzfzfz'), e => t('write cb', err(e)));
    s.close();
  });
});
