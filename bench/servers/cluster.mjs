// node's answer to several cores, for comparison: the cluster module with N workers (default 2) running echo.mjs's
// echo; the primary accepts and hands connections to the workers round-robin (cluster.SCHED_RR, node's default on
// Linux). Prints "ready" once every worker listens; on SIGUSR2 prints "accepted a,b" (connections per worker).
import cluster from 'node:cluster';
import net from 'node:net';
const where = process.argv[2];
const workers = Number(process.env.CLUSTER_WORKERS ?? 2);
if (cluster.isPrimary) {
  let listening = 0;
  const counts = new Map();
  for (let i = 0; i < workers; i++) {
    const w = cluster.fork();
    w.on('listening', () => { if (++listening === workers) console.log('ready'); });
    w.on('message', m => {
      counts.set(w.id, m.accepted);
      if (counts.size === workers) { console.log('accepted ' + [...counts.values()].join(',')); counts.clear(); }
    });
  }
  process.on('SIGUSR2', () => { for (const w of Object.values(cluster.workers)) w.send('stats'); });
} else {
  let accepted = 0;
  const server = net.createServer(socket => {
    accepted++;
    socket.on('data', d => socket.write(d));
    socket.on('error', () => {});
  });
  process.on('message', () => process.send({ accepted }));
  server.listen(/^\d+$/.test(where) ? { port: Number(where), host: '127.0.0.1' } : { path: where });
}
