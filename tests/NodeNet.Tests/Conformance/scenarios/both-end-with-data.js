// Both ends call end(data) at once: the order of data, end, finish and close on each side, with and without
// allowHalfOpen (Node 22 and later deliver the peer's data before 'end' reaches the side that ended first).
const { net, t, listen } = require('./_harness');
function run(allowHalfOpen, withData, next) {
  const tag = `${allowHalfOpen ? 'half-open' : 'default'} ${withData ? 'data' : 'no data'}`;
  const s = net.createServer({ allowHalfOpen }, sock => {
    sock.on('data', d => t(tag, 'server data', d.toString()));
    sock.on('end', () => t(tag, 'server end'));
    sock.on('finish', () => t(tag, 'server finish'));
    sock.on('close', h => { t(tag, 'server close', h); s.close(next); });
    if (withData) sock.end('from server'); else sock.end();
  });
  listen(s, p => {
    const c = net.connect({ port: p, host: '127.0.0.1', allowHalfOpen }, () => { if (withData) c.end('from client'); else c.end(); });
    c.on('data', d => t(tag, 'client data', d.toString()));
    c.on('end', () => t(tag, 'client end'));
    c.on('finish', () => t(tag, 'client finish'));
    c.on('close', h => t(tag, 'client close', h));
  });
}
run(false, false, () => run(true, false, () => run(false, true, () => run(true, true, () => {}))));
