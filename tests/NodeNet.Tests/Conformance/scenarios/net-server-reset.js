// test-net-server-reset: a server resetAndDestroy()s both accepted sockets after close(): each client reads ECONNRESET.
const { net, t, port, err } = require('./_harness');
const sockets = [];
const s = net.createServer(c => {
  c.on('close', () => t('server socket close'));
  sockets.push(c);
  if (sockets.length === 2) {
    t('close returns server', s.close() === s);
    sockets.forEach(x => x.resetAndDestroy());
  }
});
s.on('close', () => t('server close'));
t('listen returns server', s.listen(0, '127.0.0.1', () => {
  const p = port(s.address().port);
  let n = 0;
  for (let i = 0; i < 2; i++) {
    const c = net.createConnection(p, '127.0.0.1');
    c.on('error', e => t('client error', err(e)));
    c.on('close', h => { if (++n === 2) t('clients closed', h); });
  }
}) === s);
