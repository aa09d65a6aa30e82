// test-net-write-cb-on-destroy-before-connect: a write queued while connecting gets ERR_SOCKET_CLOSED_BEFORE_CONNECTION in its
// callback when the socket is destroyed; 'connect' never comes.
const { net, t, listen, err } = require('./_harness');
const s = net.createServer();
listen(s, p => {
  const c = new net.Socket();
  c.on('connect', () => t('connect'));
  c.connect({ port: p, host: '127.0.0.1' });
  t('connecting', c.connecting);
  c.write('foo', e => t('write cb', err(e)));
  c.destroy();
  s.close();
});
