// test-net-connect-local-error (sequential): a refused connect from a given localAddress/localPort names both ends in its
// error: syscall 'connect', localAddress, localPort, and 'connect CODE ADDR:PORT - Local (LADDR:LPORT)'; over IPv4 and ::1.
// (Node's fixed ports are ports just freed here.)
const { net, t, listen } = require('./_harness');
const freePorts = (n, host, cb, got = []) => {
  if (got.length === n) return cb(got);
  const s = net.createServer();
  s.listen(0, host, () => { got.push(s.address().port); s.close(() => freePorts(n, host, cb, got)); });
};
function check(name, options, next) {
  const c = net.connect(options);
  c.on('error', e => {
    t(name, e.code, e.syscall, e.localPort === options.localPort, e.localAddress,
      e.message === `connect ${e.code} ${e.address}:${e.port} - Local (${e.localAddress}:${e.localPort})`);
    next();
  });
}
freePorts(2, '127.0.0.1', ([p, lp]) => {
  check('ipv4', { port: p, host: '127.0.0.1', family: 4, localPort: lp, localAddress: '127.0.0.1' }, () =>
    freePorts(2, '::1', ([p6, lp6]) => check('ipv6', { host: '::1', family: 6, port: p6, localPort: lp6, localAddress: '::1' }, () => {})));
});
