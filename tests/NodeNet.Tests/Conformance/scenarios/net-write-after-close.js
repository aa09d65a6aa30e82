// test-net-write-after-close: a server write after the client ended both sides fails in the write callback only: no 'error'
// on the server socket.
const { net, t, listen } = require('./_harness');
let serverSocket;
const s = net.createServer(sock => { serverSocket = sock; sock.resume(); sock.on('error', e => t('server socket error', e.code)); });
listen(s, p => {
  const c = net.connect(p, '127.0.0.1', () => {
    c.on('end', () => serverSocket.write('test', e => { t('write cb', !!e); s.close(); }));
    c.end();
  });
});
