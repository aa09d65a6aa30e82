const { net, t, listen } = require('./_harness');
const socks = [];
const s = net.createServer(sock => {
  socks.push(sock);
  let sync = true;
  s.getConnections((e, n) => t('count', e, n, 'sync', sync));
  sync = false;
  if (socks.length === 2) {
    socks[0].destroy();
    s.getConnections((e, n) => { t('after destroy', n); socks[1].destroy(); s.close(() => t('closed')); });
  }
});
listen(s, p => {
  const a = net.connect(p, '127.0.0.1', () => {
    const b = net.connect(p, '127.0.0.1');
    b.on('error', () => {}); b.resume();
  });
  a.on('error', () => {}); a.resume();
});
