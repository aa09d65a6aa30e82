const { net, t, port, err } = require('./_harness');
const s = net.createServer();
s.listen(0, '127.0.0.1', () => {
  const p = port(s.address().port);
  s.close(() => {
    const c = net.connect(p, '127.0.0.1');
    for (const ev of ['connect', 'ready', 'end', 'finish', 'lookup']) c.on(ev, () => t(ev));
    c.on('connectionAttempt', (ip, pt, fam) => t('connectionAttempt', ip, pt, fam));
    c.on('connectionAttemptFailed', (ip, pt, fam, e) => t('connectionAttemptFailed', ip, pt, fam, e.code));
    c.on('error', e => t('error', err(e), Object.keys(e).sort()));
    c.on('close', h => t('close', h, c.destroyed, c.readyState));
    t('connecting', c.connecting, c.pending, c.readyState);
  });
});
