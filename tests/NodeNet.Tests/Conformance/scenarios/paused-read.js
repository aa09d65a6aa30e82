// Paused mode: 'readable', read(size), read() (Node 26: one buffered chunk; Node 24: all of it), unshift, readableLength.
const { net, t, listen, tryDo } = require('./_harness');
const str = b => (b === null ? null : b.toString());
const s = net.createServer(c => {
  t('server flowing', c.readableFlowing, c.isPaused());
  let step = 0;
  c.on('readable', () => {
    step++;
    t('readable', step, c.readableLength, c.readableFlowing, c.isPaused(), c.readableEnded);
    if (step < 3) { c.write('next'); return; }
    if (step === 3) {
      t('read(2)', str(c.read(2)), c.readableLength);
      t('read()', str(c.read()), c.readableLength);
      t('unshift', c.unshift(Buffer.from('XY')), c.readableLength);
      t('unshift string', c.unshift('Z'), c.readableLength);
      t('read(100)', str(c.read(100)), c.readableLength);
      t('read(0)', str(c.read(0)), c.readableLength);
      let x;
      while ((x = c.read()) !== null) t('loop read', str(x), c.readableLength);
      c.write('done');
      return;
    }
    t('at end read', str(c.read()), c.readableLength);
  });
  c.on('end', () => {
    t('end', c.readableLength, c.readableEnded, c.readable);
    tryDo('unshift after end', () => c.unshift(Buffer.from('late')));
  });
  c.on('error', e => t('error', e.code));
  c.on('close', () => { t('close', c.destroyed); s.close(); });
});
listen(s, p => {
  const c = net.connect(p, '127.0.0.1', () => c.write('aaa'));
  const next = ['bbb', 'ccc'];
  c.on('data', d => { if (String(d) === 'next') c.write(next.shift()); else c.end(); });
  c.on('close', () => t('client close'));
});
