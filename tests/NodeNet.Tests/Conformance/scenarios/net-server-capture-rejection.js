// test-net-server-capture-rejection: with captureRejections, an async 'connection' listener that throws routes that very error
// to the socket's 'error' and destroys it; the client sees 'close'. (Node's net.Server takes the process-wide
// events.captureRejections; NodeNet's twin sets ServerOptions.CaptureRejections, its per-server form, as the C# twins share
// one process.)
const { net, t, listen } = require('./_harness');
require('events').captureRejections = true;
const s = net.createServer(async sock => {
  s.close();
  const kaboom = new Error('kaboom');
  sock.on('error', e => t('socket error', e === kaboom, e.message));
  sock.on('close', h => t('socket close', h));
  throw kaboom;
});
listen(s, p => {
  const c = net.connect(p, '127.0.0.1');
  c.on('error', e => t('client error', e.code));
  c.on('close', () => t('client close'));
});
