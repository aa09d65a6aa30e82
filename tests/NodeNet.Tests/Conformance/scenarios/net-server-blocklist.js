// test-net-server-blocklist: a server whose blockList has 127.0.0.1 closes that client's connection; 'connection' never fires.
const { net, t, listen } = require('./_harness');
const blockList = new net.BlockList();
blockList.addAddress('127.0.0.1');
const s = net.createServer({ blockList }, () => t('connection'));
listen(s, p => {
  const a = s.address();
  const c = net.connect({ localAddress: '127.0.0.1', host: a.address, port: a.port });
  c.on('error', e => t('client error', e.code));
  c.on('close', () => { t('client close'); s.close(); });
  c.resume();
});
