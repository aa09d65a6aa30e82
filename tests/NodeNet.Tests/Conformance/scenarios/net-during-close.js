// test-net-during-close: remoteAddress/remoteFamily/remotePort of a client still connecting while the server closes do not throw.
const { net, t, listen, tryDo } = require('./_harness');
const s = net.createServer(sock => sock.end());
listen(s, p => {
  const c = net.createConnection(p, '127.0.0.1');
  s.close();
  tryDo('remote', () => t('remote', c.connecting, c.remoteAddress, c.remoteFamily, c.remotePort));
  c.on('error', () => {});
  c.destroy();
});
