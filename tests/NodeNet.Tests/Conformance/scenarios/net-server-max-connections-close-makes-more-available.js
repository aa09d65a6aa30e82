// test-net-server-max-connections-close-makes-more-available: with maxConnections = 1, the second client is turned away, and
// once the first ends the third is served again: all four send, the server receives only '0' and '2'.
const { net, t, listen } = require('./_harness');
const conns = [], received = [], sent = [];
const s = net.createServer(sock => sock.on('data', d => { received.push(String(d)); sock.write('acknowledged'); }));
s.maxConnections = 1;
listen(s, p => {
  const open = i => new Promise(resolve => {
    const c = net.createConnection(p, '127.0.0.1', () => { c.write(String(i)); sent.push(String(i)); });
    c.on('error', e => { if (e.code !== 'ECONNRESET') t('unexpected error', i, e.code); resolve(); });
    c.on('data', () => resolve());
    c.on('end', () => resolve());
    conns[i] = c;
  });
  const close = i => new Promise(resolve => { conns[i].on('end', resolve); conns[i].end(); });
  open(0).then(() => open(1)).then(() => close(0)).then(() => open(2)).then(() => open(3))
    .then(() => s.close()).then(() => close(2)).then(() => t('done', sent, received));
});
