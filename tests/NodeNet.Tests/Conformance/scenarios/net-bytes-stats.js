// test-net-bytes-stats: bytesRead/bytesWritten per connection, and a Socket reconnected from 'close' starts its counters at 0.
const { net, t, listen } = require('./_harness');
let read = 0, written = 0, count = 0;
const s = net.createServer(sock => {
  sock.resume();
  sock.on('end', () => { read += sock.bytesRead; t('server end', sock.bytesRead); });
});
listen(s, p => {
  const c = net.createConnection(p, '127.0.0.1');
  c.on('connect', () => {
    count++;
    t('connect', count, c.bytesRead, c.bytesWritten);
    c.write('foo', () => { t('write cb', c.bytesWritten); c.end('bar'); });
  });
  c.on('finish', () => { written += c.bytesWritten; t('finish', c.bytesWritten); });
  c.on('close', () => {
    t('close', count, read, written);
    if (count < 2) c.connect(p, '127.0.0.1');
    else s.close();
  });
});
