// test-net-throttle: a server writes 1 KiB strings until write() returns false, then two more; bufferSize >= 0 and
// writableLength <= what was written; the client pauses 10 ms at a time and gets no data while paused, pauses more than
// once, and receives everything. (Node pauses 100 ms: over the ~4 MB a loopback socket takes before write() says false,
// that made the scenario last 6 s.)
const { net, t, listen } = require('./_harness');
let recved = 0, npauses = 0, totalLength = 0, whilePaused = 0;
const s = net.createServer(conn => {
  const body = 'C'.repeat(1024);
  let n = 1;
  while (conn.write(body)) n++;
  conn.write(body);
  conn.write(body);
  n += 2;
  totalLength = n * body.length;
  t('server', conn.bufferSize >= 0, conn.writableLength <= totalLength, n > 2);
  conn.end();
});
listen(s, p => {
  let paused = false;
  const c = net.createConnection(p, '127.0.0.1');
  c.setEncoding('ascii');
  c.on('data', d => {
    recved += d.length;
    if (!paused) {
      c.pause();
      npauses++;
      paused = true;
      const x = recved;
      setTimeout(() => { if (recved !== x) whilePaused++; c.resume(); paused = false; }, 10);
    }
  });
  c.on('end', () => { t('end', recved === totalLength, npauses > 1, whilePaused); s.close(); c.end(); });
});
