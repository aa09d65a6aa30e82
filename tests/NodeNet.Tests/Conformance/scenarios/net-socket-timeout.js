// test-net-socket-timeout: setTimeout's range checks (ERR_OUT_OF_RANGE for -0.001, -1, +-Infinity, NaN; 0, 0.001, 1, 1e6 are
// fine), the callback fires, and setTimeout after destroy() returns the socket and never fires. (Node's non-number delays and
// non-function callbacks cannot be written in C#.)
const { net, t, tryDo, listen } = require('./_harness');
const s0 = new net.Socket();
for (const d of [-0.001, -1, -Infinity, Infinity, NaN]) tryDo(`setTimeout(${d})`, () => s0.setTimeout(d, () => {}));
for (const d of [0, 0.001, 1, 1e6]) tryDo(`setTimeout(${d})`, () => s0.setTimeout(d, () => {}));
s0.destroy();
const s = net.createServer();
listen(s, p => {
  const c = net.createConnection(p, '127.0.0.1');
  t('returns socket', c.setTimeout(1, () => {
    t('timeout');
    c.destroy();
    t('after destroy returns socket', c.setTimeout(1, () => t('timeout after destroy')) === c);
    s.close();
  }) === c);
});
