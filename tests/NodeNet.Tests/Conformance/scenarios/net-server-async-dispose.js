// test-net-server-async-dispose (.mjs): server[Symbol.asyncDispose]() closes the server ('close', address() null) and resolves;
// disposing a server already closed resolves too.
const { net, t } = require('./_harness');
const a = net.createServer();
a.on('close', () => t('a close'));
a.listen(0, '127.0.0.1', async () => {
  await a[Symbol.asyncDispose]();
  t('a disposed', a.address(), a.listening);
  const b = net.createServer();
  b.listen(0, '127.0.0.1', async () => {
    await b[Symbol.asyncDispose]();
    t('b disposed once');
    await b[Symbol.asyncDispose]().then(() => t('b disposed twice'), e => t('b rejected', e.code));
  });
});
