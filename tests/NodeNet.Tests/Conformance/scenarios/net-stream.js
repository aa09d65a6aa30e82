// test-net-stream: a server writes 10 x 2 MB and ends; the client pauses at its first 'data' (pause() returns it) and destroys
// 20 ms later: the server socket gets one 'error' (EPIPE or ECONNRESET), then 'close'.
const { net, t, listen } = require('./_harness');
const buf = Buffer.alloc(2e6, 'a');
let errors = 0;
const s = net.createServer(sock => {
  sock.setNoDelay();
  sock.on('error', e => { errors++; if (!['EPIPE', 'ECONNRESET'].includes(e.code)) t('error code', e.code); sock.destroy(); })
    .on('close', () => { t('server socket close', errors); s.close(); });
  for (let i = 0; i < 10; ++i) sock.write(buf, () => {});
  sock.end();
});
listen(s, p => {
  const c = net.connect(p, '127.0.0.1');
  let first = true;
  c.on('data', () => {
    if (!first) return;
    first = false;
    t('pause returns socket', c.pause() === c);
    setTimeout(() => c.destroy(), 20);
  });
});
