// test-net-allow-half-open: a default client (allowHalfOpen false) is not destroyed at once by the peer's FIN: not at 'end'
// (nor a tick later) and not at 'finish'; with its own end('asd') first, likewise; both reach 'close'.
const { net, t, listen } = require('./_harness');
function passive(next) {
  const s = net.createServer(sock => sock.end(Buffer.alloc(1024)));
  listen(s, p => {
    const c = net.connect(p, '127.0.0.1');
    t('passive allowHalfOpen', c.allowHalfOpen);
    c.resume();
    c.on('end', () => { t('passive end', c.destroyed); process.nextTick(() => { t('passive end + tick', c.destroyed); s.close(); }); });
    c.on('finish', () => t('passive finish', c.destroyed));
    c.on('close', () => { t('passive close'); next(); });
  });
}
function active() {
  const s = net.createServer(sock => sock.end(Buffer.alloc(1024)));
  listen(s, p => {
    const c = net.connect(p, '127.0.0.1');
    t('active allowHalfOpen', c.allowHalfOpen);
    c.resume();
    c.on('end', () => t('active end', c.destroyed));
    c.end('asd');
    c.on('finish', () => t('active finish', c.destroyed));
    c.on('close', () => { t('active close'); s.close(); });
  });
}
passive(active);
