// test-net-remote-address: remoteAddress is undefined while connecting and known at 'connect'.
const { net, t, listen } = require('./_harness');
const s = net.createServer();
listen(s, p => {
  const c = net.connect({ port: p, host: '127.0.0.1' });
  t('connecting', c.connecting, c.remoteAddress);
  c.on('connect', () => { t('connect', c.remoteAddress !== undefined, c.remoteAddress); c.end(); });
  c.on('end', () => { t('end'); s.close(); });
  c.resume();
});
