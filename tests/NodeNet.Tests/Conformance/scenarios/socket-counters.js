const { net, t, listen } = require('./_harness');
const s = net.createServer(sock => { sock.on('data', d => sock.write(d)); sock.on('end', () => sock.end()); });
listen(s, p => {
  const c = net.connect(p, '127.0.0.1');
  c.write('abc');
  t('while connecting', c.bytesWritten, c.bytesRead, c.writableLength, c.bufferSize, c.pending, c.connecting);
  let round = 0;
  c.on('data', d => {
    t('data', d.length, 'read', c.bytesRead, 'written', c.bytesWritten);
    if (++round === 1) c.end('defg');
  });
  c.once('close', () => {
    t('after close', c.bytesRead, c.bytesWritten, c.remoteAddress, c.remoteFamily, typeof c.remotePort, c.localAddress, c.bufferSize);
    // reuse: a destroyed socket may connect again and its counters restart
    c.connect(p, '127.0.0.1', () => { t('reconnected', c.bytesRead, c.bytesWritten, c.readyState); c.end(); });
    c.once('close', () => s.close());
  });
});
