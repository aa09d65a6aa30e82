// test-net-socket-connecting: connecting is true right after connect() and false in the connect callback. (The legacy
// _connecting getter has no NodeNet counterpart.)
const { net, t, listen } = require('./_harness');
const s = net.createServer(conn => { conn.end(); s.close(); });
listen(s, p => {
  const c = net.connect(p, '127.0.0.1', () => { t('in callback', c.connecting); c.end(); });
  t('after connect()', c.connecting);
  c.resume();
});
