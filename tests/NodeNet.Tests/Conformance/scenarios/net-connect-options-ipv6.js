// test-net-connect-options-ipv6: family 6 reaches the custom lookup (asked for 'dummy'), the client connects to ::1 and, being
// allowHalfOpen, is still writable 10 ms after the server's FIN.
const { net, t, port } = require('./_harness');
const s = net.createServer({ allowHalfOpen: true }, sock => { sock.resume(); sock.on('end', () => t('server end')); sock.end(); });
s.listen(0, '::1', () => {
  const c = net.connect({ host: 'dummy', port: port(s.address().port), family: 6, allowHalfOpen: true,
    lookup: (addr, opt, cb) => { t('lookup', addr, opt.family); cb(null, '::1', opt.family); } }, () => {
    c.resume();
    c.on('end', () => setTimeout(() => { t('writable after end', c.writable, c.remoteAddress); c.end(); }, 10));
    c.on('close', () => s.close());
  });
});
