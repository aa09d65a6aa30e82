const { net, t, listen } = require('./_harness');
const s = net.createServer({ allowHalfOpen: true }, sock => {
  sock.on('end', () => {
    t('server end', sock.readyState, sock.writable);
    sock.write('still here', () => { t('server wrote after end'); sock.end(); });
  });
  sock.on('close', h => { t('server close', h); s.close(); });
  sock.resume();
});
listen(s, p => {
  const c = net.connect(p, '127.0.0.1', () => c.end());
  c.setEncoding('utf8');
  c.on('data', d => t('client data', d));
  c.on('end', () => t('client end'));
  c.on('close', h => t('client close', h));
});
