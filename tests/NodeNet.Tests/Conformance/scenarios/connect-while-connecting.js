// connect() on a socket that is already connecting does not throw: the second attempt fails with EALREADY.
const { net, t, listen, err } = require('./_harness');
const s = net.createServer(sock => sock.on('error', () => {}));
listen(s, p => {
  const c = new net.Socket();
  c.on('error', e => t('error', e.code, e.syscall, e.address, e.port));
  c.on('connect', () => t('connect'));
  c.connect(p, '127.0.0.1');
  try { c.connect(p, '127.0.0.1'); t('second connect returned', c.connecting, c.readyState); } catch (e) { t('threw', err(e)); }
  c.on('close', h => { t('close', h); s.close(); });
});
