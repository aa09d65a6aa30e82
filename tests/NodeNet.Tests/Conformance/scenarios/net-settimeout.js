// test-net-settimeout: setTimeout(T, cb) followed by setTimeout(0) disarms the timer and drops the callback: nothing fires in 2T.
const { net, t, listen } = require('./_harness');
const T = 100;
const s = net.createServer(c => c.write('hello'));
listen(s, p => {
  const c = net.createConnection(p, '127.0.0.1');
  const r = c.setTimeout(T, () => t('timeout callback'));
  t('returns socket', r === c);
  c.on('timeout', () => t('timeout event'));
  c.on('data', () => { t('data'); setTimeout(() => { c.destroy(); s.close(); t('done'); }, T * 2); });
  c.setTimeout(0);
  t('listeners', c.listenerCount('timeout'));
});
