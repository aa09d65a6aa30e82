const { net, t, listen, err } = require('./_harness');
const s = net.createServer(sock => {
  sock.resume();
  sock.on('error', e => t('server error', err(e)));
  sock.on('end', () => t('server end'));
  sock.on('close', h => { t('server close', h); s.close(); });
});
listen(s, p => {
  const c = net.connect(p, '127.0.0.1');
  const r = c.resetAndDestroy(); // while connecting: resets once connected
  t('returned this', r === c, c.destroyed);
  c.on('connect', () => t('connect'));
  c.on('error', e => t('client error', err(e)));
  c.on('close', h => t('client close', h));
});
