const { net, t, listen } = require('./_harness');
const s = net.createServer({ pauseOnConnect: true }, sock => {
  t('connection', sock.isPaused(), sock.readableFlowing);
  sock.on('data', d => t('data', d.toString(), 'bytesRead', sock.bytesRead));
  setTimeout(() => { t('before resume', sock.bytesRead); sock.resume(); }, 50);
  sock.on('end', () => { t('end'); s.close(); });
});
listen(s, p => {
  const c = net.connect(p, '127.0.0.1', () => c.end('hello'));
});
