// test-net-socket-local-address: one Socket connected twice in turn (connect() returns it); each time its localPort is the
// remotePort the server saw.
const { net, t, listen } = require('./_harness');
let conns = 0;
const clientPorts = [], serverPorts = [];
const c = new net.Socket();
c.resume();
const s = net.createServer(sock => { serverPorts.push(sock.remotePort); sock.end(); });
s.on('close', () => t('server close', conns, serverPorts.length, JSON.stringify(serverPorts) === JSON.stringify(clientPorts)));
listen(s, connect);
function connect() {
  if (conns === 2) { s.close(); return; }
  conns++;
  c.once('close', connect);
  t('connect returns socket', c.connect(s.address().port, '127.0.0.1', () => clientPorts.push(c.localPort)) === c);
}
