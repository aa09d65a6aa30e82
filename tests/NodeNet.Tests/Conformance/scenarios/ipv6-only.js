const { net, t, err } = require('./_harness');
const s = net.createServer(sock => sock.end());
s.listen({ port: 0, host: '::', ipv6Only: true }, () => {
  const p = s.address().port; t('#port', p);
  const v4 = net.connect(p, '127.0.0.1');
  v4.on('error', e => {
    t('ipv4 client', e.code);
    const v6 = net.connect(p, '::1', () => t('ipv6 client connected', v6.remoteFamily));
    v6.resume();
    v6.on('close', () => s.close());
  });
});
