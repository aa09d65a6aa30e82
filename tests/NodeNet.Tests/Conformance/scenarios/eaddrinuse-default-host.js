const { net, t, port, err } = require('./_harness');
const a = net.createServer();
a.listen(0, () => {
  const p = port(a.address().port);
  const b = net.createServer();
  t('listening right after listen(port)', a.listening);
  b.on('error', e => { t('error', err(e), b.listening, b.address()); a.close(); });
  b.listen(p);
  t('b listening after call', b.listening);
});
