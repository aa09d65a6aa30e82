// test-net-client-bind-twice: connect({ localAddress, localPort }) with a localPort another server listens on: EADDRINUSE as 'error'.
const { net, t, listen, err } = require('./_harness');
const a = net.createServer(() => t('a connection'));
const b = net.createServer(() => t('b connection'));
listen(a, pa => listen(b, pb => {
  const c = net.connect({ host: '127.0.0.1', port: pa, localAddress: '127.0.0.1', localPort: pb }, () => t('connected'));
  c.on('error', e => { t('error', err(e)); a.close(); b.close(); });
  c.on('close', h => t('close', h));
}));
