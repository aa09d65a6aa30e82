// test-net-better-error-messages-port (sequential): connecting to a closed port (Node's fixed common.PORT; here a port just
// freed) fails with ECONNREFUSED carrying port and a loopback address (from the first attempt when it is an AggregateError).
const { net, t, listen } = require('./_harness');
const s = net.createServer();
listen(s, p => s.close(() => {
  const c = net.createConnection(p);
  c.on('connect', () => t('connect'));
  c.on('error', e => {
    const first = Array.isArray(e.errors) ? e.errors[0] : e;
    t('error', e.name, first.code, first.port === p, first.address, first.syscall);
  });
}));
