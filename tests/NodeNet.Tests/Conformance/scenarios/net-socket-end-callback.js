// test-net-socket-end-callback: end(cb), end(data, cb) and end(data, encoding, cb) each call cb once; the unref'd server
// lets the process end.
const { net, t, port } = require('./_harness');
const s = net.createServer(sock => sock.resume()).unref();
s.listen(0, '127.0.0.1', () => {
  const p = port(s.address().port);
  const called = [];
  const cb = name => () => { called.push(name); if (called.length === 3) t('callbacks', called.sort()); };
  const c1 = net.createConnection(p, '127.0.0.1', () => c1.end(cb('end(cb)')));
  const c2 = net.createConnection(p, '127.0.0.1', () => c2.end('foo', cb('end(data, cb)')));
  const c3 = net.createConnection(p, '127.0.0.1', () => c3.end('foo', 'utf8', cb('end(data, encoding, cb)')));
  for (const c of [c1, c2, c3]) c.resume();
});
