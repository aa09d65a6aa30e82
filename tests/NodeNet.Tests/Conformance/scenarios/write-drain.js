const { net, t, listen } = require('./_harness');
const s = net.createServer(sock => {
  sock.pause(); // let the kernel buffers fill before reading
  setTimeout(() => sock.resume(), 50);
  sock.on('end', () => { sock.end(); s.close(); });
});
listen(s, p => {
  const c = net.connect(p, '127.0.0.1', () => {
    const r1 = c.write(Buffer.alloc(10));
    const r2 = c.write(Buffer.alloc(32 * 1024 * 1024));
    t('returns', r1, r2, c.writableNeedDrain, c.writableLength > 0);
    c.on('drain', () => { t('drain', c.writableLength, c.writableNeedDrain); c.end(); });
  });
});
