// test-net-pingpong: 1000 + 1 PING/PONG round trips with an allowHalfOpen server, over a Unix socket, TCP on port 0 (no host)
// and ::1, one after another. Every state Node's test asserts is checked on each event; the trace lists the checks that failed
// (none) and the counts: socket.server is the server, getConnections returns the server and counts 1, bufferSize stays within
// one message, readable/writable while talking, after the client's end (server: writable, not readable; client: not writable,
// still readable) and at close. (Node's socket.timeout = 0 is setTimeout(0): NodeNet's timeout is read-only.)
const { net, t, tmp } = require('./_harness');
function pingPong(name, port, host, next) {
  const N = 1000;
  let count = 0, sentPongs = 0, sentFinalPing = false, serverData = 0;
  const bad = new Set();
  const check = (label, ok) => { if (!ok) bad.add(label); };
  const server = net.createServer({ allowHalfOpen: true }, socket => {
    check('socket.server', socket.server === server);
    check('getConnections returns server', server.getConnections((e, n) => check('one connection', e == null && n === 1)) === server);
    socket.setNoDelay();
    socket.setTimeout(0);
    socket.setEncoding('utf8');
    socket.on('data', data => {
      serverData++;
      check('bufferSize', socket.bufferSize >= 0 && socket.bufferSize <= 4);
      check('server writable', socket.writable === true);
      check('server readable', socket.readable === true);
      check('count', count <= N);
      check('PING', data === 'PING');
      socket.write('PONG', () => sentPongs++);
    });
    socket.on('end', () => {
      check('end allowHalfOpen', socket.allowHalfOpen === true);
      check('end writable', socket.writable === true);
      check('end not readable', socket.readable === false);
      socket.end();
    });
    socket.on('error', e => bad.add('server error ' + e.code));
    socket.on('close', () => {
      check('close not writable', socket.writable === false);
      check('close not readable', socket.readable === false);
      socket.server.close();
    });
  });
  server.listen(port, host, function () {
    const p = typeof port === 'string' ? port : this.address().port;
    const client = net.createConnection(p, host);
    client.setEncoding('ascii');
    client.on('connect', () => {
      check('client readable', client.readable === true);
      check('client writable', client.writable === true);
      client.write('PING');
    });
    client.on('data', data => {
      check('PONG', data === 'PONG');
      count += 1;
      if (sentFinalPing) {
        check('final not writable', client.writable === false);
        check('final readable', client.readable === true);
        return;
      }
      check('client writable', client.writable === true);
      check('client readable', client.readable === true);
      if (count < N) client.write('PING');
      else { sentFinalPing = true; client.write('PING'); client.end(); }
    });
    client.on('error', e => bad.add('client error ' + e.code));
    client.on('close', () => { t(name, [...bad], count, sentPongs, serverData, sentFinalPing); next(); });
  });
}
pingPong('pipe', tmp + '/pingpong.sock', undefined, () => pingPong('tcp', 0, undefined, () => pingPong('::1', 0, '::1', () => {})));
