// test-net-eaddrinuse: listening on a port another server holds (no host, both) emits an 'error' whose message has EADDRINUSE.
const { net, t, port } = require('./_harness');
const a = net.createServer(() => t('a connection'));
const b = net.createServer(() => t('b connection'));
a.listen(0, () => {
  b.on('error', e => { t('error', e.message.includes('EADDRINUSE'), e.code, e.syscall); a.close(); });
  b.listen(port(a.address().port));
});
