// cork/uncork: held writes, writableCorked, writableLength, nested corks, end() uncorking, callbacks in order.
const { net, t, listen } = require('./_harness');
const s = net.createServer(c => {
  let got = '';
  c.setEncoding('latin1');
  c.on('data', d => { got += d; });
  c.on('end', () => { t('server got', got); c.end(); });
  c.on('close', () => s.close());
});
listen(s, p => {
  const c = net.connect(p, '127.0.0.1');
  c.cork();
  t('corked while connecting', c.writableCorked, c.writableLength);
  c.write('a', e => t('cb a', e));
  c.write('b', e => t('cb b', e));
  t('held', c.writableCorked, c.writableLength, c.writableNeedDrain);
  c.uncork();
  t('uncorked', c.writableCorked);
  c.uncork();
  t('extra uncork', c.writableCorked);
  c.on('connect', () => {
    c.cork(); c.cork();
    c.write('c', e => t('cb c', e));
    t('nested', c.writableCorked, c.writableLength);
    c.uncork();
    t('still corked', c.writableCorked, c.writableLength);
    setImmediate(() => {
      t('after a turn, still held', c.writableLength);
      c.write('d', e => t('cb d', e));
      c.end('e', e => t('end cb', e, c.writableCorked, c.writableLength));
      t('after end', c.writableCorked, c.writableEnded);
    });
  });
  c.resume();
  c.on('finish', () => t('finish'));
  c.on('close', () => t('client close'));
});
