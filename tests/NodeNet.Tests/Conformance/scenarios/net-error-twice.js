// test-net-error-twice: a server writing 10 MB to a connection whose client destroyed itself emits one 'error', not the same one twice.
const { net, t, listen } = require('./_harness');
const buf = Buffer.alloc(10 * 1024 * 1024, 0x62);
const errs = [];
let client, conn;
function ready() { if (client && conn) { client.destroy(); conn.write(buf); } }
const s = net.createServer(sock => {
  sock.on('error', e => errs.push(e));
  sock.on('close', () => { t('server socket close', errs.length, errs.length > 1 && errs[0] === errs[1]); s.close(); });
  conn = sock;
  ready();
});
listen(s, p => {
  const c = net.connect({ port: p, host: '127.0.0.1' });
  c.on('connect', () => { client = c; ready(); });
});
