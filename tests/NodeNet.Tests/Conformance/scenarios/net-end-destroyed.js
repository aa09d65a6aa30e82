// test-net-end-destroyed: after a client's own end(), the peer's FIN comes as 'end' while the socket is not yet destroyed.
const { net, t, listen } = require('./_harness');
const s = net.createServer();
s.on('connection', () => t('connection'));
listen(s, p => {
  const c = net.createConnection({ port: p, host: '127.0.0.1' });
  c.on('connect', () => {
    c.on('end', () => { t('end', c.destroyed); s.close(); });
    c.end();
  });
  c.on('close', h => t('close', h, c.destroyed));
});
