// test-net-keepalive: setKeepAlive(true, 50) on an accepted socket and setTimeout(0) on both ends: both stay open 100 ms later.
const { net, t, listen } = require('./_harness');
let client;
const s = net.createServer(conn => {
  setTimeout(() => {
    t('after 100 ms', conn.readyState, client.readyState);
    conn.end();
    client.end();
    s.close();
  }, 100);
  conn.setTimeout(0);
  t('setKeepAlive returns this', conn.setKeepAlive(true, 50) === conn);
  conn.on('end', () => conn.end());
});
listen(s, p => {
  client = net.createConnection(p, '127.0.0.1');
  client.setTimeout(0);
  client.resume();
  client.on('close', h => t('client close', h));
});
