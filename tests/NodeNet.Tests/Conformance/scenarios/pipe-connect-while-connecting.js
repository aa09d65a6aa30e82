// connect(path) again while the first connect of a Unix socket is in flight: the second gets the kernel's answer
// (connect EISCONN here: the first one succeeded at once) and the socket is destroyed with it. Node's process then never
// exits by itself (libuv leaves the first connect request registered), so this one exits when done; NodeNet's loop ends.
const { net, t, tmp } = require('./_harness');
const path = require('path').join(tmp, 'twice.sock');
const s = net.createServer(sock => sock.on('error', () => {}).end('hi'));
s.listen(path, () => {
  const c = net.connect(path);
  c.on('error', e => t('error', e.code, e.syscall, e.message === `connect ${e.code} ${path}`));
  c.on('connect', () => t('connect'));
  c.connect(path);
  t('second connect returned', c.connecting);
  c.on('close', h => { t('close', h); s.close(() => { t('server closed'); process.exit(0); }); });
});
