// test-net-write-slow: 10 writes of 200 KB to a client that pauses 20 ms after every 'data': all 2,000,000 bytes arrive, every
// write callback runs, and the 9999 ms idle timeout (turned off once all are flushed) never fires.
const { net, t, listen } = require('./_harness');
const SIZE = 2e5, N = 10;
const buf = Buffer.alloc(SIZE, 'a');
let flushed = 0, received = 0;
const s = net.createServer(sock => {
  sock.setNoDelay();
  sock.setTimeout(9999);
  sock.on('timeout', () => { t('timeout', flushed, received); sock.destroy(); });
  for (let i = 0; i < N; ++i) sock.write(buf, () => { if (++flushed === N) sock.setTimeout(0); });
  sock.end();
});
listen(s, p => {
  const c = net.connect(p, '127.0.0.1');
  c.on('data', d => { received += d.length; c.pause(); setTimeout(() => c.resume(), 20); });
  c.on('end', () => { t('end', received, flushed); s.close(); });
});
