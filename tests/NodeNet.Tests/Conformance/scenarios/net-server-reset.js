// test-net-server-reset: a server resetAndDestroy()s both accepted sockets after close(): each client reads ECONNRESET.
// The server resets once each client has written (so its connect has completed: with libuv before 1.45 a reset racing
// the connect is reported by connect), and the outcome is traced at the end, in one order, as Node's test checks it.
const { net, t, port, err } = require('./_harness');
const sockets = [];
let spoken = 0, serverSocketCloses = 0, serverClosed = false, clientsClosed = 0;
const clientErrors = [], hadErrors = [];
function done() {
  if (serverSocketCloses < 2 || clientsClosed < 2 || !serverClosed) return;
  t('server closed, server sockets closed', serverSocketCloses);
  clientErrors.forEach(e => t('client error', e));
  t('clients closed', hadErrors);
}
const s = net.createServer(c => {
  c.on('close', () => { serverSocketCloses++; done(); });
  sockets.push(c);
  c.once('data', () => {
    if (++spoken === 2) {
      t('close returns server', s.close() === s);
      sockets.forEach(x => x.resetAndDestroy());
    }
  });
});
s.on('close', () => { serverClosed = true; done(); });
t('listen returns server', s.listen(0, '127.0.0.1', () => {
  const p = port(s.address().port);
  for (let i = 0; i < 2; i++) {
    const c = net.createConnection(p, '127.0.0.1', () => c.write('x'));
    c.on('error', e => clientErrors.push(err(e)));
    c.on('close', h => { clientsClosed++; hadErrors.push(h); done(); });
  }
}) === s);
