// test-net-reuseport: two servers listen on the same 127.0.0.1 port with reusePort: true; both listen callbacks run.
// (Node's second case, host '::', binds every interface; this suite stays on loopback.)
const { net, t, port } = require('./_harness');
const a = net.createServer(), b = net.createServer();
a.listen({ port: 0, reusePort: true, host: '127.0.0.1' }, () => {
  const p = port(a.address().port);
  b.listen({ port: p, reusePort: true, host: '127.0.0.1' }, () => {
    t('both listening', a.address().port === b.address().port, b.address().address);
    a.close(); b.close();
  });
});
b.on('error', e => t('b error', e.code));
