// Socket stream options: highWaterMark for both sides (it wins over the per-side ones), or readable/writable apart;
// net.connect passes them on, and noDelay/keepAlive socket options are accepted.
const { net, t, listen } = require('./_harness');
const hwm = s => [s.readableHighWaterMark, s.writableHighWaterMark];
t('default', hwm(new net.Socket()));
t('apart', hwm(new net.Socket({ readableHighWaterMark: 100, writableHighWaterMark: 200 })));
t('both wins', hwm(new net.Socket({ highWaterMark: 1000, readableHighWaterMark: 10 })));
const s = net.createServer(sock => sock.end());
listen(s, p => {
  const c = net.connect({ port: p, host: '127.0.0.1', highWaterMark: 1024, noDelay: true, keepAlive: true, keepAliveInitialDelay: 2000 });
  t('connect passes', hwm(c));
  c.on('connect', () => t('connected'));
  c.resume();
  c.on('close', () => s.close());
});
