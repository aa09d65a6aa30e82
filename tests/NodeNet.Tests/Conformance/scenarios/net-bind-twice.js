// test-net-bind-twice: a second server on the same 127.0.0.1 port gets EADDRINUSE as 'error'; its listen callback never runs.
const { net, t, listen, err } = require('./_harness');
const a = net.createServer(() => t('a connection'));
listen(a, p => {
  const b = net.createServer(() => t('b connection'));
  b.listen(p, '127.0.0.1', () => t('b listening'));
  b.on('error', e => { t('b error', err(e), b.listening); a.close(() => t('a closed')); });
});
