// Moving sockets, servers and bound sockets to another thread (Node 26.6: a worker's transferList); in NodeNet, to
// another EventLoop. What may move, the errors for what may not, and a moved connection and server still serving.
const { net, t, err, tmp } = require('./_harness');
const { Worker } = require('worker_threads');
const worker = new Worker(`
  const { parentPort } = require('worker_threads');
  parentPort.on('message', ({ socket, server }) => {
    if (socket) { socket.on('data', d => socket.end('moved ' + d)); }
    if (server) { server.on('connection', c => c.end('from the moved server')); server.on('listening', () => parentPort.postMessage('listening')); }
  });
`, { eval: true });
function move(label, what) {
  try { worker.postMessage({ [label]: what }, [what]); t(label, 'moved'); return true; }
  catch (e) { t(label, err(e)); return false; }
}
const server = net.createServer(s => {
  if (!move('socket', s)) s.destroy();
});
server.listen(0, '127.0.0.1', () => {
  const c = net.connect(server.address().port, '127.0.0.1', () => c.write('ping'));
  c.on('data', d => t('client data', d.toString()));
  c.on('close', () => {
    server.close();
    const reading = net.createServer(s => {
      s.setEncoding('utf8');
      t('with an encoding', move('socket', s));
      s.destroy();
      reading.close();
      const bound = new net.BoundSocket({ path: tmp + '/b.sock' });
      move('pipe', bound);
      bound.close();
      const idle = new net.Server();
      move('not listening', idle);
      const movable = net.createServer();
      movable.listen(0, '127.0.0.1', () => {
        const p = movable.address().port;
        move('server', movable);
        worker.once('message', () => {
          const c2 = net.connect(p, '127.0.0.1');
          c2.on('data', d => t('client of the moved server', d.toString()));
          c2.on('close', () => { t('client closed'); worker.terminate().then(() => t('worker ended')); });
        });
      });
    });
    reading.listen(0, '127.0.0.1', () => net.connect(reading.address().port, '127.0.0.1').on('error', () => {}));
  });
});
