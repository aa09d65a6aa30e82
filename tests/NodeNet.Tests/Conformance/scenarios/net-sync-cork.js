// test-net-sync-cork: cork, two writes, uncork, a hundred times: write() never reports back-pressure.
const { net, t, listen } = require('./_harness');
const s = net.createServer(c => {
  c.resume();
  c.on('error', e => t('server error', e.code));
  c.on('close', () => { t('server close', c.bytesRead); s.close(); });
});
listen(s, p => {
  const conn = net.connect(p, '127.0.0.1');
  conn.on('connect', () => {
    const buf = Buffer.alloc(2, 'a');
    let res = true, i = 0;
    for (; i < 100 && res; i++) {
      conn.cork();
      conn.write(buf);
      res = conn.write(buf);
      conn.uncork();
    }
    t('rounds', i, res);
    conn.end();
  });
});
