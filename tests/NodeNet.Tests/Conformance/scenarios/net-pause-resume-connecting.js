// test-net-pause-resume-connecting: pause()/resume() called while still connecting decide the flow once connected: the last
// call wins (resume: data; pause: none until the socket is resumed 100 ms later with its 'data' listeners removed).
const { net, t, listen } = require('./_harness');
let connections = 0, dataEvents = 0, closed = 0;
const got = [];
const s = net.createServer(conn => { connections++; conn.end('This was the year he fell to pieces.'); if (connections === 5) s.close(); });
listen(s, p => {
  const client = (i, calls, expectData) => {
    const c = net.createConnection(p, '127.0.0.1');
    for (const call of calls) c[call]();
    got[i] = false;
    c.on('data', () => { got[i] = true; if (expectData) dataEvents++; else t('unexpected data', i); });
    if (!expectData) setTimeout(() => { c.removeAllListeners('data'); c.resume(); }, 100);
    c.on('close', () => { if (++closed === 5) t('done', connections, dataEvents, got); });
  };
  client(0, ['resume'], true);
  client(1, ['pause', 'resume'], true);
  client(2, ['pause'], false);
  client(3, ['resume', 'pause', 'resume'], true);
  client(4, ['resume', 'resume', 'pause'], false);
});
