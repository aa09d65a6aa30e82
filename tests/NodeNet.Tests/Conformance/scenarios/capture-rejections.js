// captureRejections: an async 'connection' listener that rejects destroys that connection; an async socket listener
// that rejects destroys its socket. (net.Server takes the process-wide setting; NodeNet's twin sets it per server.)
const { net, t, listen } = require('./_harness');
require('events').captureRejections = true;
const s = net.createServer(async sock => {
  t('connection');
  sock.on('error', e => t('server socket error', e.message));
  sock.on('close', h => t('server socket close', h));
  await null;
  throw new Error('handler failed');
});
listen(s, p => {
  const c = net.connect(p, '127.0.0.1');
  c.on('end', () => t('client end'));
  c.on('close', h => {
    t('client close', h);
    const d = new net.Socket({ captureRejections: true });
    d.on('error', e => t('socket error', e.message));
    d.on('close', h2 => { t('socket close', h2); s.close(); });
    d.on('connect', async () => { throw new Error('connect listener failed'); });
    d.connect(p, '127.0.0.1');
  });
  c.resume();
});
