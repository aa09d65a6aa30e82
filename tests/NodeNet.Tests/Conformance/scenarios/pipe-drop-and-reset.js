const { net, t, tmp, err } = require('./_harness');
const path = tmp + '/drop.sock';
const s = net.createServer(sock => { t('connection'); sock.resume(); first = sock; });
let first;
s.maxConnections = 1;
s.on('drop', (...a) => t('drop', a.length));
s.listen(path, () => {
  const a = net.connect(path, () => {
    try { a.resetAndDestroy(); } catch (e) { t('resetAndDestroy on a pipe', err(e)); }
    const b = net.connect(path, () => t('b connect'));
    b.resume();
    b.on('end', () => t('b end'));
    b.on('close', h => { t('b close', h); a.end(); });
  });
  a.resume();
  a.on('close', () => s.close(() => t('closed')));
});
