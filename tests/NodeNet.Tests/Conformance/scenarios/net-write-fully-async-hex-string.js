// test-net-write-fully-async-hex-string: 20 rounds of writing 2 MB hex strings written with encoding 'hex' until write() returns false, each next round on 'drain',
// then end(): everything reaches the server. (Node's gc() call, which checks the data outlives the write, is left out.)
const { net, t, listen } = require('./_harness');
const data = Buffer.alloc(1000000).toString('hex');
let serverGot = 0, rounds = 0, writes = 0;
const s = net.createServer(conn => { conn.on('data', d => serverGot += d.length); conn.on('end', () => t('server end', serverGot === writes * 1000000)); s.close(); });
listen(s, p => {
  const conn = net.createConnection(p, '127.0.0.1', () => {
    let count = 0;
    function writeLoop() {
      if (count++ === 20) { conn.end(); return; }
      rounds++;
      do writes++; while (conn.write(data, 'hex'));
    }
    conn.on('drain', writeLoop);
    writeLoop();
  });
  conn.on('close', () => t('client close', rounds, conn.bytesWritten === writes * 1000000));
});
