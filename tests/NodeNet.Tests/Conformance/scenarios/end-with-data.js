const { net, t, listen } = require('./_harness');
const s = net.createServer(sock => {
  let got = '';
  sock.on('data', d => { got += d; });
  sock.on('end', () => t('server got', got));
  sock.on('close', () => s.close());
});
listen(s, p => {
  const c = net.connect(p, '127.0.0.1');
  const r = c.end('bye', () => t('end cb'));
  t('end returned this', r === c);
  c.on('finish', () => t('finish'));
  c.on('close', h => t('close', h));
  c.resume();
});
