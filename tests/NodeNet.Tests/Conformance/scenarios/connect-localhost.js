const { net, t, port } = require('./_harness');
const s = net.createServer(sock => sock.end());
s.listen(0, '127.0.0.1', () => {
  const p = port(s.address().port);
  const c = net.connect(p, 'localhost');
  c.on('lookup', (e, a, f, h) => t('lookup', e, a, f, h));
  c.on('connectionAttempt', (ip, pt, fam) => t('attempt', ip, pt, fam));
  c.on('connectionAttemptFailed', (ip, pt, fam, e) => t('attempt failed', ip, pt, fam, e.code));
  c.on('connect', () => t('connect', c.remoteAddress, c.remoteFamily, c.autoSelectFamilyAttemptedAddresses));
  c.resume();
  c.on('close', () => {
    const bad = net.connect(p, 'no-such-host.invalid');
    bad.on('lookup', (e, a, f, h) => t('bad lookup', e && e.code, a, f, h));
    bad.on('error', e => t('bad error', e.code, e.syscall, e.hostname));
    bad.on('close', h => { t('bad close', h); s.close(); });
  });
});
