// test-net-connect-reset-until-connected: resetAndDestroy() once both ends are connected: the server's socket reads ECONNRESET.
const { net, t, listen, err } = require('./_harness');
const s = net.createServer();
listen(s, p => {
  let n = 2;
  const both = () => { if (--n === 0) { t('reset'); c.resetAndDestroy(); } };
  const c = net.createConnection(p, '127.0.0.1');
  c.on('close', h => t('client close', h));
  c.on('error', e => t('client error', err(e)));
  s.on('connection', sock => {
    both();
    sock.on('error', e => t('server socket error', err(e)));
    sock.on('close', h => t('server socket close', h));
    s.close();
  });
  c.on('connect', both);
});
