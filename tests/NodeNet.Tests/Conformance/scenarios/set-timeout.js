const { net, t, listen, tryDo, err } = require('./_harness');
const s = net.createServer(sock => { sock.resume(); sock.on('close', () => s.close()); });
listen(s, p => {
  // Armed once connected, so a slow machine (an emulated CPU) cannot time out the connect itself.
  const c = net.connect(p, '127.0.0.1', () => {
    const r = c.setTimeout(40, () => t('timeout cb'));
    t('returned this', r === c, c.timeout);
  });
  t('timeout before', c.timeout);
  let n = 0;
  c.on('timeout', () => {
    n++;
    t('timeout event', n, c.destroyed, c.readyState);
    if (n === 1) setTimeout(() => { c.write('activity'); }, 5);
    else { c.setTimeout(0); t('timeout after 0', c.timeout); c.end(); }
  });
  c.on('close', () => t('close', n));
  tryDo('setTimeout(-1)', () => c.setTimeout(-1));
  tryDo('setTimeout(Infinity)', () => c.setTimeout(Infinity));
  tryDo('setTimeout(NaN)', () => c.setTimeout(NaN));
});
