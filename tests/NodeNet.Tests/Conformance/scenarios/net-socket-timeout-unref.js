// test-net-socket-timeout-unref: six connected sockets, each with a 2-8 s setTimeout and then unref()'d, plus an unref'd
// server: nothing holds the process, so it ends without any timeout firing.
const { net, t, port } = require('./_harness');
const s = net.createServer(c => { c.write('hello'); c.unref(); });
s.listen(0, '127.0.0.1', () => {
  const p = port(s.address().port);
  s.unref();
  let connections = 0;
  const sockets = [];
  for (const T of [8, 5, 3, 6, 2, 4]) {
    const c = net.createConnection(p, '127.0.0.1');
    c.on('connect', () => {
      if (++connections === 6) {
        t('all connected');
        for (const x of sockets) { x.socket.setTimeout(x.timeout, () => { t('timed out', x.timeout); x.socket.destroy(); }); x.socket.unref(); }
      }
    });
    sockets.push({ socket: c, timeout: T * 1000 });
  }
});
