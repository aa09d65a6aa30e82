const { net, t, listen } = require('./_harness');
const crypto = require('crypto');
const total = 16 * 1024 * 1024;
const data = Buffer.alloc(total);
for (let i = 0; i < total; i++) data[i] = (i * 7 + (i >> 11)) & 0xff;
const s = net.createServer(sock => {
  const h = crypto.createHash('sha256'); let got = 0; let pausedOnce = false;
  sock.on('data', d => {
    h.update(d); got += d.length;
    if (!pausedOnce && got > 1024 * 1024) {
      pausedOnce = true; sock.pause(); t('server paused', sock.isPaused());
      setTimeout(() => { t('client blocked', blocked); sock.resume(); }, 200);
    }
  });
  sock.on('end', () => { t('server got', got, h.digest('hex') === crypto.createHash('sha256').update(data).digest('hex')); sock.end(); });
  sock.on('close', () => s.close());
});
let blocked = false;
listen(s, p => {
  const c = net.connect(p, '127.0.0.1', () => {
    let off = 0; let sawFalse = false; let drains = 0;
    c.on('drain', () => { drains++; write(); });
    function write() {
      while (off < total) {
        const n = Math.min(65536, total - off);
        const ok = c.write(data.subarray(off, off + n)); off += n;
        if (!ok) { sawFalse = true; blocked = true; return; }
        blocked = false;
      }
      t('all written', sawFalse, drains > 0); c.end();
    }
    write();
  });
  c.resume();
  c.on('close', h => t('client close', h));
});
