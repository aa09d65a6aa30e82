// test-net-connect-buffer: with highWaterMark 0, writes queued while connecting return false; bytesWritten counts them
// once, in bytes; pending/connecting/readyState before and after.
const { net, t, listen } = require('./_harness');
const s = net.createServer(c => {
  s.close();
  let buf = '';
  c.setEncoding('utf8');
  c.on('data', d => { buf += d; });
  c.on('end', () => { t('server got', buf); c.end(); });
});
listen(s, p => {
  const socket = new net.Socket({ highWaterMark: 0 });
  let connected = false;
  t('pending before', socket.pending);
  socket.connect(p, '127.0.0.1', () => { connected = true; });
  t('connecting', socket.pending, socket.connecting, socket.readyState);
  const a = "L'\u00c9tat, c'est ", b = 'moi';
  const r = socket.write(a, () => t('write cb', connected, socket.bytesWritten, socket.pending));
  t('after write', socket.bytesWritten, r);
  socket.end(b);
  t('after end', socket.readyState);
  socket.on('close', () => t('close', socket.pending));
});
