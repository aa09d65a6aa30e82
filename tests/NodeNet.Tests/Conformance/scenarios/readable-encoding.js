// socket.readableEncoding: null until setEncoding, then the normalised name.
const { net, t, listen } = require('./_harness');
const s = net.createServer(sock => sock.end('x'));
listen(s, p => {
  const c = net.connect(p, '127.0.0.1');
  t('before', c.readableEncoding);
  c.setEncoding('UTF-8');
  t('utf-8', c.readableEncoding);
  c.setEncoding('latin1');
  t('latin1', c.readableEncoding);
  c.on('data', d => t('data', d));
  c.on('close', () => { t('after close', c.readableEncoding); s.close(); });
});
