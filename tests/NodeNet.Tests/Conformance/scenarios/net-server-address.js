// test-net-server-address (sequential): server.address() for 127.0.0.1, ::1, a port without a host (::, IPv6), no port and
// port 0. (Node's fixed ports are ports just freed here.)
const { net, t, port, addr } = require('./_harness');
const freePort = (host, cb) => { const f = net.createServer(); f.listen(0, host, () => { const p = f.address().port; f.close(() => cb(p)); }); };
const shown = (s, p) => { const a = s.address(); return { address: a.address, family: a.family, port: p === undefined ? typeof a.port : a.port === p }; };
freePort('127.0.0.1', p1 => {
  const a = net.createServer();
  a.on('error', e => t('a error', e.code));
  a.listen(p1, '127.0.0.1', () => { t('127.0.0.1', shown(a, p1)); a.close(() => freePort('::1', p2 => {
    const b = net.createServer();
    b.on('error', e => t('b error', e.code));
    b.listen(p2, '::1', () => { t('::1', shown(b, p2)); b.close(() => freePort(undefined, p3 => {
      const c = net.createServer();
      c.on('error', e => t('c error', e.code));
      c.listen(p3, () => { t('port only', shown(c, p3)); c.close(() => {
        const d = net.createServer();
        d.listen(() => { t('no port', shown(d)); d.close(() => {
          const e = net.createServer();
          e.listen(0, () => { t('port 0', shown(e)); e.close(); });
        }); });
      }); });
    })); });
  })); });
});
