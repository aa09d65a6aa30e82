// test-net-socket-connect-without-cb: connect(server.address()) without a callback: the address object is taken as options
// (its port and family; host stays localhost) and 'connect' fires.
const { net, t, listen } = require('./_harness');
const s = net.createServer(conn => { conn.end(); s.close(); });
listen(s, () => {
  const c = new net.Socket();
  c.on('connect', () => { t('connect', c.remoteAddress, c.remoteFamily); c.end(); });
  c.on('close', h => t('close', h));
  c.resume();
  const a = s.address();
  t('connect returns socket', c.connect({ port: a.port, family: a.family === 'IPv6' ? 6 : 4 }) === c);
});
