const { net, t, listen } = require('./_harness');
let got = '';
const s = net.createServer(sock => {
  sock.setEncoding('utf8');
  sock.on('data', d => { got += d; });
  sock.on('end', () => { t('server got', got); });
  sock.on('close', () => { t('server close'); s.close(); });
  sock.end('bye');
});
listen(s, p => {
  const c = net.connect({ port: p, host: '127.0.0.1', allowHalfOpen: true });
  c.on('end', () => {
    t('client end', c.readyState);
    c.write('late', () => { t('client late write done'); c.end(); });
  });
  c.on('close', h => t('client close', h));
  c.resume();
});
