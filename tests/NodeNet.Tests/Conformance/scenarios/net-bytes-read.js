// test-net-bytes-read: bytesRead grows with each 'data' and equals the 1 MiB sent at 'end' and after 'close'.
const { net, t, listen } = require('./_harness');
const big = Buffer.alloc(1024 * 1024);
const s = net.createServer(sock => { sock.end(big); s.close(); });
listen(s, p => {
  let prev = 0, rising = true, chunks = 0;
  const c = net.connect(p, '127.0.0.1', () => {
    t('connect', c.bytesRead);
    c.on('data', d => { chunks++; if (!(c.bytesRead > prev)) rising = false; prev = c.bytesRead; });
    c.on('end', () => t('end', c.bytesRead, prev, rising, chunks > 0));
    c.on('close', () => t('close', c.bytesRead, prev));
    c.end();
  });
});
