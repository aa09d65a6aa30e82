const { net, t, listen, err } = require('./_harness');
const s = net.createServer(sock => { sock.resume(); sock.on('close', () => { t('server side close'); s.close(); }); });
listen(s, p => {
  const c = net.connect(p, '127.0.0.1', () => {
    c.destroy(new Error('boom'));
    c.destroy(new Error('second'));
    t('after destroy', c.destroyed, c.readyState);
  });
  c.on('error', e => t('error', e.message));
  c.on('close', h => t('close', h));
});
