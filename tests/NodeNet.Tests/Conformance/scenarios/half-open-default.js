const { net, t, listen } = require('./_harness');
const s = net.createServer(sock => {
  sock.on('end', () => t('server end'));
  sock.on('finish', () => t('server finish'));
  sock.on('close', h => { t('server close', h); s.close(); });
  sock.resume();
});
listen(s, p => {
  const c = net.connect(p, '127.0.0.1', () => c.end());
  c.on('finish', () => t('client finish'));
  c.on('end', () => t('client end'));
  c.on('close', h => t('client close', h));
  c.resume();
});
