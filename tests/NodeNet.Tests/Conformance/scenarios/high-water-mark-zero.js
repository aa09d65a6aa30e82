// highWaterMark: 0 on both sides: data still flows, 'end' and 'close' come, nothing hangs.
const { net, t, listen } = require('./_harness');
const s = net.createServer({ highWaterMark: 0 }, c => {
  t('server hwm', c.readableHighWaterMark, c.writableHighWaterMark);
  let n = 0;
  c.on('data', d => { n += d.length; });
  c.on('end', () => { t('server got', n); c.end('bye'); });
  c.on('close', () => s.close());
});
listen(s, p => {
  const c = net.connect({ port: p, host: '127.0.0.1', highWaterMark: 0 }, () => {
    t('client hwm', c.readableHighWaterMark, c.writableHighWaterMark);
    t('write returns', c.write('abc'), c.writableNeedDrain);
    c.on('drain', () => t('drain'));
    c.end('def');
  });
  let got = '';
  c.on('readable', () => { let x; while ((x = c.read()) !== null) got += x; });
  c.on('end', () => t('client got', got));
  c.on('close', () => t('client close'));
});
