// connect() on a connected socket does not throw: it is 'opening' again, and 'connect' comes again on the same
// connection (the server sees one client).
const { net, t, listen } = require('./_harness');
let accepted = 0;
const s = net.createServer(sock => { accepted++; sock.on('error', () => {}); });
listen(s, p => {
  const c = net.connect(p, '127.0.0.1', () => {
    const local = c.localPort;
    t('first connect', c.connecting, c.readyState);
    c.connect(p, '127.0.0.1', () => { t('second connect', c.localPort === local, accepted); c.destroy(); });
    t('after the call', c.connecting, c.readyState, c.destroyed);
  });
  c.on('error', e => t('error', e.code));
  c.on('close', h => { t('close', h); s.close(); });
});
