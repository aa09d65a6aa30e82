const { net, t, listen } = require('./_harness');
const s = net.createServer(sock => { sock.end('hello'); });
listen(s, p => {
  const c = net.connect(p, '127.0.0.1');
  c.on('connectionAttempt', (ip, pt, fam) => t('connectionAttempt', ip, pt, fam));
  c.on('connect', () => t('connect', c.connecting, c.pending, c.readyState));
  c.on('ready', () => t('ready'));
  c.on('data', d => t('data', d.toString()));
  c.on('end', () => t('end', c.readyState));
  c.on('finish', () => t('finish'));
  c.on('close', h => { t('close', h, c.readyState); s.close(); });
  t('sync', c.connecting, c.readyState);
});
