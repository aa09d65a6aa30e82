// test-net-socket-destroy-send: destroy() returns the socket even when repeated; a write afterwards calls back with
// ERR_STREAM_DESTROYED and emits no 'error'.
const { net, t, listen, err } = require('./_harness');
const s = net.createServer(sock => sock.on('error', () => {}));
listen(s, p => {
  const c = net.createConnection(p, '127.0.0.1');
  c.on('connect', () => {
    t('destroy twice returns socket', c.destroy().destroy() === c);
    c.on('error', e => t('error', e.code));
    c.write(Buffer.from('kaboom'), e => t('write cb', err(e)));
    s.close();
  });
});
