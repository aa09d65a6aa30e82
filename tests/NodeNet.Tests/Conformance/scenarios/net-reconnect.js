// test-net-reconnect: one client Socket reconnected 50 times from its 'close' handler: 51 rounds of data, end and close, each
// close without error, the data decoded with the encoding name 'UTF8'.
const { net, t, listen } = require('./_harness');
const N = 50;
let recv = 0, ends = 0, disconnects = 0, serverClosesWithError = 0, conns = 0, badChunks = 0;
const s = net.createServer(sock => {
  conns++;
  sock.resume();
  sock.write('hello\r\n');
  sock.on('end', () => sock.end());
  sock.on('close', h => { if (h !== false) serverClosesWithError++; });
});
listen(s, p => {
  const c = net.createConnection(p, '127.0.0.1');
  c.setEncoding('UTF8');
  c.on('data', d => { recv++; if (d !== 'hello\r\n') badChunks++; c.end(); });
  c.on('end', () => ends++);
  c.on('close', h => {
    if (h !== false) t('close with', h);
    if (disconnects++ < N) c.connect(p, '127.0.0.1');
    else s.close(() => t('done', conns, recv, ends, disconnects, badChunks, serverClosesWithError));
  });
});
