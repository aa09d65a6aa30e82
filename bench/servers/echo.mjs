// The Node, Bun and Deno contender: the plain node:net echo every runtime's users would write.
import net from 'node:net';
const where = process.argv[2];
const server = net.createServer(socket => {
  socket.on('data', d => socket.write(d));
  socket.on('error', () => {});
});
server.listen(/^\d+$/.test(where) ? { port: Number(where), host: '127.0.0.1' } : { path: where }, () => console.log('ready'));
