// test-net-socket-constructor, its public part: new Socket({ fd: -1 }) throws ERR_OUT_OF_RANGE; a new Socket, a connecting one,
// a connected one and an accepted one are all readable and writable. (fd: 'foo' cannot be written in C#; the { handle:
// socket._handle } and cluster-worker fd cases need Node internals and child processes.)
const { net, t, tryDo, listen } = require('./_harness');
tryDo('fd -1', () => new net.Socket({ fd: -1 }));
const fresh = new net.Socket();
t('new Socket()', fresh.readable, fresh.writable);
const s = net.createServer(sock => { t('accepted', sock.readable, sock.writable); s.close(); });
listen(s, p => {
  const c = net.connect(p, '127.0.0.1', () => { t('connected', c.readable, c.writable); c.end(); });
  t('connecting', c.readable, c.writable);
  c.resume();
});
