// test-net-server-drop-connections: maxConnections = 0 drops every connection and maxConnections = 1 drops the second; each
// 'drop' carries localAddress, localPort, remoteAddress, remotePort and remoteFamily.
const { net, t, listen } = require('./_harness');
const info = d => [d.localAddress, !!d.localPort, d.remoteAddress, !!d.remotePort, d.remoteFamily];
const dormant = net.createServer(() => t('dormant connection'));
dormant.maxConnections = 0;
dormant.on('drop', d => { t('dormant drop', ...info(d)); dormant.close(second); });
listen(dormant, p => { const c = net.createConnection(p, '127.0.0.1'); c.on('error', () => {}); c.resume(); });
function second() {
  let firstSocket;
  const s = net.createServer(sock => { t('connection'); firstSocket = sock; });
  s.maxConnections = 1;
  s.on('drop', d => { t('drop', ...info(d)); firstSocket.destroy(); s.close(); });
  listen(s, p => {
    const a = net.createConnection(p, '127.0.0.1', () => {
      const b = net.createConnection(p, '127.0.0.1');
      b.on('error', () => {}); b.resume();
    });
    a.on('error', () => {}); a.resume();
  });
}
