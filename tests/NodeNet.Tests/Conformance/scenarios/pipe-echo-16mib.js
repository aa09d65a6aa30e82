const { net, t, tmp } = require('./_harness');
const crypto = require('crypto');
const total = 16 * 1024 * 1024;
const data = Buffer.alloc(total);
for (let i = 0; i < total; i++) data[i] = (i * 31 + (i >> 13)) & 0xff;
const path = tmp + '/echo.sock';
const s = net.createServer(sock => {
  sock.on('data', d => { if (!sock.write(d)) { sock.pause(); sock.once('drain', () => sock.resume()); } });
  sock.on('close', () => s.close());
});
s.listen(path, () => {
  const h = crypto.createHash('sha256'); let got = 0;
  const c = net.connect(path, () => {
    let off = 0;
    (function write() {
      while (off < total) { const n = Math.min(65536, total - off); const ok = c.write(data.subarray(off, off + n)); off += n; if (!ok) return c.once('drain', write); }
      c.end();
    })();
  });
  c.on('data', d => { h.update(d); got += d.length; });
  c.on('end', () => t('echoed', got, h.digest('hex') === crypto.createHash('sha256').update(data).digest('hex')));
  c.on('close', h2 => t('close', h2));
});
