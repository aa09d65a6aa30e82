// test-net-connect-options-allowhalfopen: six allowHalfOpen clients (connect, createConnection, new Socket(opts).connect, with a
// callback or a 'connect' listener) stay writable after the server's FIN: 50 ms after 'end' each is not readable, is writable and
// write() returns true; each server socket gets one 'end'.
const { net, t, listen } = require('./_harness');
const N = 6;
let connections = 0, serverEnds = 0;
const results = [];
const s = net.createServer({ allowHalfOpen: true }).on('connection', sock => {
  connections++;
  sock.resume();
  let ends = 0;
  sock.on('end', () => { if (++ends > 1) t('second end'); if (++serverEnds === N) setTimeout(() => s.close(), 50); });
  sock.end();
});
s.on('close', () => t('server close', connections, serverEnds, results.sort()));
listen(s, port => {
  const opts = { allowHalfOpen: true, host: '127.0.0.1', port };
  const onConnect = i => function () {
    const c = this;
    c.resume();
    c.on('end', () => setTimeout(() => { results.push([i, c.readable, c.writable, c.write(String(i))].join(' ')); c.end(); }, 50));
  };
  net.connect(opts, onConnect(1));
  net.connect(opts).on('connect', onConnect(2));
  net.createConnection(opts, onConnect(3));
  net.createConnection(opts).on('connect', onConnect(4));
  new net.Socket(opts).connect(opts, onConnect(5));
  new net.Socket(opts).connect(opts).on('connect', onConnect(6));
});
