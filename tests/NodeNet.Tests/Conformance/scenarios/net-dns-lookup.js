// test-net-dns-lookup: connecting to 'localhost' emits 'lookup' with (null, 127.0.0.1 or ::1, 4 or 6, 'localhost').
const { net, t, port } = require('./_harness');
const s = net.createServer(client => { client.end(); s.close(); });
s.listen(0, () => {
  const c = net.connect(port(s.address().port), 'localhost');
  c.on('lookup', (e, ip, type, host) => t('lookup', e, /^(127\.0\.0\.1|::1)$/.test(ip), type === 4 || type === 6, host));
  c.resume();
});
