// test-net-server-max-connections: maxConnections = 10 and 20 clients one after another: the first 10 get data and are closed
// last, the other 10 connect and are closed by the server without data.
const { net, t, listen } = require('./_harness');
const N = 20;
let closes = 0, accepted = 0;
const waits = [], order = [], gotData = [];
const s = net.createServer(conn => { accepted++; conn.write('hello'); waits.push(() => conn.end()); });
s.maxConnections = N / 2;
listen(s, p => {
  const make = i => {
    const c = net.createConnection(p, '127.0.0.1');
    gotData[i] = false;
    c.on('connect', () => {
      if (i + 1 < N) make(i + 1);
      c.on('close', () => {
        order.push(i);
        if (++closes === N / 2) { let cb; while ((cb = waits.shift()) !== undefined) cb(); s.close(); }
        if (closes === N) t('done', accepted, order.slice(0, N / 2).every(x => x >= N / 2), gotData.map((g, j) => g === (j < N / 2)));
      });
    });
    c.on('end', () => c.end());
    c.on('data', b => { gotData[i] = b.length > 0; });
    c.on('error', e => t('error', i, e.code));
  };
  make(0);
});
