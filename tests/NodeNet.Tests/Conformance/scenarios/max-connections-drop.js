const { net, t, listen } = require('./_harness');
const s = net.createServer(sock => { t('connection'); first = sock; sock.resume(); });
let first;
s.maxConnections = 1;
s.on('drop', d => t('drop', Object.getPrototypeOf(d), d.localAddress, d.localPort, d.localFamily, d.remoteAddress, d.remoteFamily, typeof d.remotePort));
listen(s, p => {
  const a = net.connect(p, '127.0.0.1', () => {
    t('a connect');
    const b = net.connect(p, '127.0.0.1', () => t('b connect'));
    b.on('end', () => t('b end'));
    b.on('error', e => t('b error', e.code));
    b.on('close', h => {
      t('b close', h);
      first.destroy();
      s.getConnections((e, n) => {
        t('connections after destroy', n);
        const c = net.connect(p, '127.0.0.1', () => { t('c connect'); c.end(); a.end(); });
        c.resume();
        c.on('close', () => { t('c close'); s.close(); });
      });
    });
    b.resume();
  });
  a.resume();
});
