// test-net-connect-paused-connection: a paused client, with the server and its connection unref'd, does not keep the process
// alive (the unref'd 1 s guard timer never fires).
const { net, t, port } = require('./_harness');
const s = net.createServer(conn => conn.unref());
s.listen(0, () => {
  const c = net.connect(port(s.address().port), 'localhost');
  t('pause returns socket', c.pause() === c);
  setTimeout(() => { t('still alive after 1 s'); c.destroy(); s.close(); }, 1000).unref();
}).unref();
