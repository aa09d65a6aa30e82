// test-net-can-reset-timeout: writing from inside a server socket's 'timeout' handler works; the exchange then ends normally.
const { net, t, listen } = require('./_harness');
const s = net.createServer(sock => {
  sock.setTimeout(100);
  sock.resume();
  sock.once('timeout', () => { t('server timeout'); sock.write('WHAT.'); });
  sock.on('end', () => { t('server end'); sock.end(); });
  sock.on('close', () => t('server close'));
});
listen(s, p => {
  const c = net.createConnection(p, '127.0.0.1');
  c.setEncoding('utf8');
  c.on('data', d => { t('client data', d); c.end(); });
  c.on('end', () => { t('client end'); s.close(); });
  c.on('close', () => t('client close'));
});
