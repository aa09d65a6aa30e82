const { net, t, listen, err } = require('./_harness');
const s = net.createServer(sock => sock.resume());
listen(s, p => {
  const c = net.connect(p, '127.0.0.1', () => {
    c.end();
    const r = c.write('x', e => t('write cb', err(e)));
    t('write returned', r);
  });
  c.on('error', e => t('error', err(e)));
  c.on('close', h => { t('close', h); s.close(); });
});
