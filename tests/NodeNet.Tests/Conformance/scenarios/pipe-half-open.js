const { net, t, tmp } = require('./_harness');
const path = tmp + '/half.sock';
const s = net.createServer({ allowHalfOpen: true }, sock => {
  sock.on('end', () => { t('server end', sock.writable); sock.end('reply after client FIN'); });
  sock.on('close', h => { t('server close', h); s.close(); });
  sock.resume();
});
s.listen(path, () => {
  const c = net.connect(path, () => c.end('request'));
  c.setEncoding('utf8');
  c.on('finish', () => t('client finish'));
  c.on('data', d => t('client data', d));
  c.on('end', () => t('client end'));
  c.on('close', h => t('client close', h));
});
