// A destroyed socket connects again and keeps its flowing state: it reads without another resume().
const { net, t, listen } = require('./_harness');
let n = 0;
const s = net.createServer(sock => sock.end('hello ' + ++n));
listen(s, p => {
  const c = net.connect(p, '127.0.0.1');
  c.on('data', d => t('data', d.toString(), c.readableFlowing));
  c.once('close', h => {
    t('first close', h, c.readableFlowing, c.destroyed);
    c.connect(p, '127.0.0.1', () => t('reconnected', c.readableFlowing, c.bytesRead));
    c.once('close', h2 => {
      t('second close', h2, c.readableFlowing, c.bytesRead);
      const d = net.connect(p, '127.0.0.1');
      d.once('data', x => { t('third data', x.toString()); d.destroy(); });
      d.once('close', () => {
        t('destroyed', d.readableFlowing);
        d.connect(p, '127.0.0.1');
        d.on('close', () => { t('fourth close', d.bytesRead); s.close(); });
      });
    });
  });
});
