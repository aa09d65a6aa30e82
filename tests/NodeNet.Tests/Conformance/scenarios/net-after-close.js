// test-net-after-close: once a client's 'close' has fired, the socket's methods and getters still work (no throw).
const { net, t, listen, tryDo } = require('./_harness');
const s = net.createServer(sock => sock.end());
listen(s, p => {
  const c = net.createConnection(p, '127.0.0.1');
  c.resume();
  c.on('close', h => {
    t('close', h, c.destroyed);
    tryDo('setNoDelay', () => c.setNoDelay());
    tryDo('setKeepAlive', () => c.setKeepAlive());
    tryDo('bufferSize', () => t('bufferSize', c.bufferSize));
    tryDo('pause', () => c.pause());
    tryDo('resume', () => c.resume());
    tryDo('address', () => { const a = c.address(); t('address empty', a == null || Object.keys(a).length === 0); });
    tryDo('remote', () => t('remote', c.remoteAddress, c.remotePort));
    s.close();
  });
});
