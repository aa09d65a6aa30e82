// A 'readable' listener takes precedence over 'data' (readableFlowing false); removing it lets 'data' flow again.
const { net, t, listen } = require('./_harness');
const s = net.createServer(c => {
  c.write('first');
  c.on('data', d => { if (String(d) === 'again') c.end('second'); });
});
listen(s, p => {
  const c = net.connect(p, '127.0.0.1');
  c.setEncoding('utf8');
  const onData = d => t('data', d, c.readableFlowing);
  c.on('data', onData);
  t('after data listener', c.readableFlowing);
  const onReadable = () => {
    const x = c.read();
    t('readable', x, c.readableFlowing);
    if (x === 'first') {
      c.removeListener('readable', onReadable);
      t('removed readable', c.readableFlowing);
      process.nextTick(() => t('next tick', c.readableFlowing));
      c.write('again');
    }
  };
  c.on('readable', onReadable);
  t('after readable listener', c.readableFlowing, c.isPaused());
  c.on('end', () => t('end'));
  c.on('close', () => { t('close'); s.close(); });
});
