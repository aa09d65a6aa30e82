const { net, t, listen } = require('./_harness');
let n = 0;
const s = net.createServer(sock => { n++; sock.end(); });
s.maxConnections = 0;
s.on('drop', () => t('drop'));
listen(s, p => {
  const c = net.connect(p, '127.0.0.1');
  c.resume();
  c.on('close', () => { t('accepted', n); s.close(); });
});
