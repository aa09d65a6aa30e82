// socket.connect('33515'): a port string is a port on localhost, as net.connect('33515') is.
const { net, t, listen } = require('./_harness');
const s = net.createServer({ allowHalfOpen: false }, sock => sock.end('hi'));
s.listen(0, () => {
  const p = s.address().port;
  t('#port', p);
  const c = new net.Socket();
  c.setEncoding('utf8');
  c.connect(String(p), () => t('connected', c.remotePort === p));
  c.on('data', d => t('data', d));
  c.on('error', e => t('error', e.code));
  c.on('close', () => s.close());
});
