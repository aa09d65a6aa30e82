// onread { buffer, callback }: reads land in the caller's buffer, no 'data' events, false pauses until resume();
// a buffer function is asked for each read.
const { net, t, listen } = require('./_harness');
const s = net.createServer(sock => { sock.write('hello '); setTimeout(() => sock.end('world'), 30); });
listen(s, p => {
  const buf = Buffer.alloc(4);
  let reads = 0;
  const c = net.connect({ port: p, host: '127.0.0.1', onread: { buffer: buf, callback(n, b) {
    reads++;
    t('read', n, b === buf, b.toString('utf8', 0, n));
    if (reads === 1) { setTimeout(() => { t('resume'); c.resume(); }, 60); return false; }
  } } });
  c.on('data', d => t('data event', String(d)));
  c.on('end', () => t('end'));
  c.on('close', h => { t('close', h); s.close(); second(); });
});
function second() {
  const s2 = net.createServer(sock => sock.end('abcdef'));
  listen(s2, p => {
    let asked = 0;
    const c = net.connect({ port: p, host: '127.0.0.1', onread: { buffer: () => { asked++; return Buffer.alloc(3); }, callback(n, b) { t('function read', n, b.length, b.toString('utf8', 0, n)); } } });
    c.on('end', () => t('function end', asked > 0));
    c.on('close', () => s2.close());
  });
}
