const { net, t, listen } = require('./_harness');
const N = 1000;
let served = 0, ok = 0, closed = 0, maxSeen = 0;
const s = net.createServer(sock => { served++; sock.on('data', d => sock.end(d)); });
s.on('connection', () => { s.getConnections((e, n) => { if (n > maxSeen) maxSeen = n; }); });
listen(s, p => {
  for (let i = 0; i < N; i++) {
    const msg = 'conn-' + i;
    const c = net.connect(p, '127.0.0.1', () => c.write(msg));
    let got = '';
    c.setEncoding('utf8');
    c.on('data', d => { got += d; });
    c.on('end', () => { if (got === msg) ok++; });
    c.on('close', () => { if (++closed === N) { t('done', served, ok, closed); s.close(() => t('server closed')); } });
  }
});
