const { net, t, listen, err } = require('./_harness');
const s = net.createServer(sock => { sock.end(); sock.resume(); });
listen(s, p => {
  const c = net.connect(p, '127.0.0.1');
  c.resume();
  c.on('end', () => {
    t('end', c.writable);
    c.write('inside end handler', e => t('in-end write cb', err(e)));
    setImmediate(() => {
      t('later writable', c.writable, c.writableEnded, c.destroyed);
      const r = c.write('after', e => t('late write cb', err(e)));
      t('late write returned', r);
    });
  });
  c.on('error', e => t('error', err(e)));
  c.on('close', h => { t('close', h); s.close(); });
});
