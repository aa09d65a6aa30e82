// test-net-write-after-end-nt: a write after the peer's FIN (the client ended itself too) returns false, its callback gets EPIPE
// 'This socket has been ended by the other party', and 'error' comes later, not during write().
const { net, t, listen, err } = require('./_harness');
const s = net.createServer(sock => sock.end());
listen(s, p => {
  const c = net.connect(p, '127.0.0.1', () => {
    let hasError = false;
    c.on('error', e => { hasError = true; t('error', e.code); s.close(); });
    c.on('end', () => {
      const r = c.write('hello', e => t('write cb', err(e)));
      t('write returned', r, hasError);
    });
    c.end();
  });
});
