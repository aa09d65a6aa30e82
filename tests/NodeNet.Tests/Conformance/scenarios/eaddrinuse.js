const { net, t, port, err, addr } = require('./_harness');
const a = net.createServer();
a.listen(0, '127.0.0.1', () => {
  const p = port(a.address().port);
  const b = net.createServer();
  b.on('error', e => {
    t('error', err(e), 'listening', b.listening, 'address', b.address());
    // re-listen after an error is allowed
    b.listen(0, '127.0.0.1', () => { port(b.address().port); t('relisten ok', b.listening); b.close(); a.close(); });
  });
  b.on('close', () => t('b close'));
  b.on('listening', () => t('b listening'));
  b.listen(p, '127.0.0.1');
  t('after listen call', b.listening);
});
