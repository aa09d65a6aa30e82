// The Node, Bun and Deno contender: the plain node:net echo every runtime's users would write.
import net from 'node:net';
// `echo.mjs [nodelay] <port | path>`: nodelay sets the server's noDelay option (TCP_NODELAY, which bun always sets).
const where = process.argv.at(-1);
const server = net.createServer({ noDelay: process.argv.includes('nodelay') }, socket => {
  socket.on('data', d => socket.write(d));
  socket.on('error', () => {});
});
server.listen(/^\d+$/.test(where) ? { port: Number(where), host: '127.0.0.1' } : { path: where }, () => console.log('ready'));
