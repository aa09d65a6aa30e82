// connect({ signal }): aborting destroys the socket with AbortError. (An already-aborted signal is not compared:
// node 20 emits 'error' and 'close' and then connects anyway; see docs/differences-from-node.md.)
const { net, t, err, listen } = require('./_harness');
const s = net.createServer(sock => sock.on('error', () => {}));
listen(s, p => {
  const ac = new AbortController();
  const c = net.connect({ port: p, host: '127.0.0.1', signal: ac.signal }, () => { t('connect'); ac.abort(); t('aborted', c.destroyed); });
  c.on('error', e => t('error', err(e)));
  c.on('close', h => { t('close', h, c.destroyed); s.close(); });
  const ac2 = new AbortController();
  const d = net.connect({ port: p, host: '127.0.0.1', signal: ac2.signal });
  ac2.abort();
  t('aborted while connecting', d.destroyed, d.connecting);
  d.on('error', e => t('d error', err(e)));
  d.on('close', h => t('d close', h));
});
