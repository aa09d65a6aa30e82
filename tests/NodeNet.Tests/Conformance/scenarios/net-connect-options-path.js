// test-net-connect-options-path: the twelve ways to connect to a Unix socket path (net.connect, net.createConnection and
// new Socket().connect; path or { path }; callback or 'connect' listener) all reach the server.
const { net, t, tmp } = require('./_harness');
const path = tmp + '/connect-options-path.sock';
const N = 12;
let connections = 0, closed = 0, callbacks = 0;
const s = net.createServer().on('connection', sock => { connections++; sock.end('ok'); });
s.listen(path, () => {
  const cb = function () { callbacks++; this.end(); this.on('close', () => { if (++closed === N) s.close(() => t('done', connections, callbacks, closed)); }); };
  const forms = [
    () => net.connect(path, cb),
    () => net.connect(path).on('connect', cb),
    () => net.createConnection(path, cb),
    () => net.createConnection(path).on('connect', cb),
    () => new net.Socket().connect(path, cb),
    () => new net.Socket().connect(path).on('connect', cb),
    () => net.connect({ path }, cb),
    () => net.connect({ path }).on('connect', cb),
    () => net.createConnection({ path }, cb),
    () => net.createConnection({ path }).on('connect', cb),
    () => new net.Socket().connect({ path }, cb),
    () => new net.Socket().connect({ path }).on('connect', cb),
  ];
  for (const f of forms) f().resume();
});
