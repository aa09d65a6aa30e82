// test-net-persistent-keepalive: setKeepAlive(true, 400) on a Socket before connect() returns the socket and is kept; with
// setTimeout(0) on both ends the connection is still open 600 ms later.
const { net, t, listen } = require('./_harness');
let serverConn, client;
const s = net.createServer(conn => {
  serverConn = conn;
  setTimeout(() => {
    t('after 600 ms', serverConn.readyState, client.readyState);
    serverConn.end();
    client.end();
    s.close();
  }, 600);
  conn.setTimeout(0);
  conn.on('end', () => conn.end());
});
listen(s, p => {
  client = new net.Socket();
  t('setKeepAlive returns socket', client.setKeepAlive(true, 400) === client);
  client.connect(p, '127.0.0.1');
  client.setTimeout(0);
  client.resume();
  client.on('close', h => t('client close', h));
});
