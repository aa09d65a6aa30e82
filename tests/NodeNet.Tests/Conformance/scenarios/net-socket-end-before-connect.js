// test-net-socket-end-before-connect: end() while still connecting still leads to 'close'.
const { net, t, listen } = require('./_harness');
const s = net.createServer(sock => sock.resume());
listen(s, p => {
  const c = net.createConnection(p, '127.0.0.1');
  c.on('connect', () => t('connect'));
  c.on('finish', () => t('finish'));
  c.on('close', h => { t('close', h); s.close(); });
  c.end();
  t('ended', c.connecting, c.writableEnded);
});
