// test-net-write-connect-write: a write before connect and one at 'connect' come back, in order, from a
// socket.pipe(socket) echo.
const { net, t, listen } = require('./_harness');
const s = net.createServer(c => c.pipe(c));
listen(s, p => {
  const conn = net.connect(p, '127.0.0.1');
  let received = '';
  conn.setEncoding('utf8');
  conn.write('before');
  conn.on('connect', () => conn.write(' after'));
  conn.on('data', d => { received += d; if (received === 'before after') conn.end(); });
  conn.on('end', () => { t('received', received); s.close(); });
});
