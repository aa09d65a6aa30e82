// test-net-socket-byteswritten: two corked writes before connect go out as one writev; bytesWritten counts bytes once.
const { net, t, listen } = require('./_harness');
const s = net.createServer(c => c.end());
listen(s, p => {
  const socket = net.connect(p, '127.0.0.1');
  socket.cork();
  socket.write('one');
  socket.write(Buffer.from('tw\u00f8', 'utf8'));
  socket.uncork();
  t('after uncork', socket.bytesWritten);
  socket.on('connect', () => t('connect', socket.bytesWritten));
  socket.on('end', () => { t('end', socket.bytesWritten); s.close(); });
});
