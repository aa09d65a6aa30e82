// writableLength and bufferSize count a string by its length (net.Socket keeps strings as they are) and a Buffer by
// its bytes; bytesWritten counts bytes.
const { net, t, listen } = require('./_harness');
const s = net.createServer(c => { c.resume(); c.on('end', () => { t('server read', c.bytesRead); c.end(); s.close(); }); });
listen(s, p => {
  const c = net.connect(p, '127.0.0.1');
  c.write('h\u00e9\u20ac');
  t('string of 3', c.writableLength, c.bufferSize, c.bytesWritten);
  c.write(Buffer.from('h\u00e9\u20ac'));
  t('and its 6 bytes', c.writableLength, c.bufferSize, c.bytesWritten);
  c.write('abcd', 'hex');
  t('hex string of 4', c.writableLength, c.bytesWritten);
  c.write('\ud83d\ude00');
  t('surrogate pair', c.writableLength, c.bytesWritten);
  c.on('connect', () => setImmediate(() => t('after connect', c.writableLength, c.bytesWritten)));
  c.end();
  c.on('finish', () => t('finish', c.writableLength, c.bytesWritten));
  c.on('close', () => t('close'));
});
