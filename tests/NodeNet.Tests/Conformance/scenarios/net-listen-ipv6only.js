// test-net-listen-ipv6only: a server on '::' with ipv6Only: true takes no IPv4: connecting to 0.0.0.0 on its port is refused.
const { net, t, port } = require('./_harness');
const s = net.createServer();
s.listen({ host: '::', port: 0, ipv6Only: true }, () => {
  const c = net.connect({ host: '0.0.0.0', port: port(s.address().port) });
  c.on('connect', () => t('connect'));
  c.on('error', e => { t('error', e.code, e.address); s.close(); });
});
