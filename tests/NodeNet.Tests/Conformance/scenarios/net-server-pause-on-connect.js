// test-net-server-pause-on-connect: a pauseOnConnect server's socket reads nothing (bytesRead 0) until resume(), while a server
// without it gets its client's data at once.
const { net, t, listen } = require('./_harness');
const msg = 'test';
let stopped = true, sock1;
const s1 = net.createServer({ pauseOnConnect: true }, sock => {
  sock.on('data', d => { t('server1 data', stopped, String(d)); sock.end(); s1.close(); });
  sock1 = sock;
});
const s2 = net.createServer({ pauseOnConnect: false }, sock => {
  sock.on('data', d => {
    t('server2 data', String(d));
    sock.end();
    s2.close();
    t('server1 bytesRead while paused', sock1.bytesRead);
    sock1.resume();
    stopped = false;
  });
});
listen(s1, p1 => {
  const c1 = net.createConnection({ port: p1, host: '127.0.0.1' });
  c1.resume();
  c1.write(msg, () => listen(s2, p2 => { const c2 = net.createConnection({ port: p2, host: '127.0.0.1' }); c2.resume(); c2.write(msg); }));
});
