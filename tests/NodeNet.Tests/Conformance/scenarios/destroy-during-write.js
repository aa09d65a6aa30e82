const { net, t, listen, err } = require('./_harness');
// The server reads only once the client's socket has closed, so the destroy always meets queued writes and the two
// sockets' events come in one order (timers here would race each other on a loaded machine, or under Wine).
let serverSock = null, destroyed = false;
const resumeWhenDestroyed = () => { if (serverSock && destroyed) serverSock.resume(); };
const s = net.createServer(sock => {
  sock.pause(); // not reading yet: the client's writes stay queued
  sock.on('end', () => t('server end'));
  sock.on('error', e => t('server error', e.code));
  sock.on('close', h => { t('server close', h); s.close(); });
  serverSock = sock;
  resumeWhenDestroyed();
});
listen(s, p => {
  const c = net.connect(p, '127.0.0.1', () => {
    const big = Buffer.alloc(8 * 1024 * 1024, 1);
    const r1 = c.write(big, e => t('big write cb', err(e)));
    const r2 = c.write('queued', e => t('queued write cb', err(e)));
    t('write results', r1, r2, c.writableLength > 0);
    setTimeout(() => { c.destroy(); t('destroyed', c.destroyed, c.bytesWritten > 0); }, 20);
  });
  c.on('error', e => t('client error', err(e)));
  c.on('close', h => { t('client close', h); destroyed = true; resumeWhenDestroyed(); });
});
