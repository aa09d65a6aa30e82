// test-net-listen-ipv6only: a server on '::' with ipv6Only: true takes no IPv4: connecting to 0.0.0.0 on its port is refused.
// Another process of a parallel run may hold the same port number over IPv4 and accept: then (our server having taken
// nothing) the attempt is made again on a new port, untraced, up to five times.
const { net, t, port } = require('./_harness');
function attempt(left) {
  const s = net.createServer(() => t('the ipv6Only server took an IPv4 connection'));
  s.listen({ host: '::', port: 0, ipv6Only: true }, () => {
    const p = s.address().port;
    const c = net.connect({ host: '0.0.0.0', port: p });
    c.on('connect', () => {
      c.destroy();
      s.close();
      if (left > 0) setImmediate(() => attempt(left - 1));
      else t('connect');
    });
    c.on('error', e => { port(p); t('error', e.code, e.address); s.close(); });
  });
}
attempt(5);
