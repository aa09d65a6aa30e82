// test-net-bytes-written-large: bytesWritten counts 10 MB written at once (a Buffer, a string, and a corked writev of
// both) right after the call and at the end callback; the peer reads them all.
const { net, t, listen } = require('./_harness');
const N = 10000000;
const variants = [
  c => { c.end(Buffer.alloc(N), () => t('buffer end cb', c.bytesWritten)); t('buffer', c.bytesWritten); },
  c => { c.end('a'.repeat(N), () => t('string end cb', c.bytesWritten)); t('string', c.bytesWritten); },
  c => {
    c.cork();
    c.write('a'.repeat(N));
    t('writev 1', c.bytesWritten);
    c.write(Buffer.alloc(N));
    t('writev 2', c.bytesWritten);
    c.end('', () => t('writev end cb', c.bytesWritten));
    c.uncork();
  },
];
function run(i) {
  if (i === variants.length) return;
  const s = net.createServer(c => variants[i](c));
  listen(s, p => {
    const client = net.connect(p, '127.0.0.1');
    client.resume();
    client.on('close', () => { t('client read', i, client.bytesRead); s.close(); run(i + 1); });
  });
}
run(0);
