// test-net-writable: a default client is still writable inside 'end' (the automatic end comes after), and may write there.
const { net, t, port } = require('./_harness');
const s = net.createServer(sock => { s.close(); sock.end(); });
s.listen(0, '127.0.0.1', function () {
  port(this.address().port);
  const c = net.connect(this.address().port, '127.0.0.1');
  c.on('end', () => { t('end', c.writable); t('write', c.write('hello world')); });
  c.on('error', e => t('error', e.code));
  c.on('close', h => t('close', h));
});
