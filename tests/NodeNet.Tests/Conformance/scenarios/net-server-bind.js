// test-net-server-bind (sequential): listen(cb) takes an OS port above 100; listen(port) without a callback is listening on
// that port shortly after; listen(port, cb); listen(port, '0.0.0.0', 127, cb) and listen(port, 127, cb) take 127 as the
// backlog. (Node's fixed ports are ports just freed here; _connectionKey, internal, is left out. The servers listen on
// every interface, so a client of another test run at the same time may reach one: such a connection is destroyed, not
// traced.)
const { net, t } = require('./_harness');
const freePort = cb => { const f = net.createServer(); f.listen(0, () => { const p = f.address().port; f.close(() => cb(p)); }); };
const a = net.createServer(stray => stray.destroy());
a.listen(() => { t('listen(cb)', a.address().port > 100); a.close(() => freePort(p => {
  const b = net.createServer(stray => stray.destroy());
  b.listen(p);
  setTimeout(() => { t('listen(port)', b.address().port === p, b.address().family); b.close(() => freePort(p2 => {
    const c = net.createServer(stray => stray.destroy());
    c.listen(p2, () => { t('listen(port, cb)', c.address().port === p2); c.close(() => freePort(p3 => {
      const d = net.createServer(stray => stray.destroy());
      d.listen(p3, '0.0.0.0', 127, () => { t('listen(port, host, backlog, cb)', d.address().port === p3, d.address().address); d.close(() => freePort(p4 => {
        const e = net.createServer(stray => stray.destroy());
        e.listen(p4, 127, () => { t('listen(port, backlog, cb)', e.address().port === p4, e.address().address); e.close(); });
      })); });
    })); });
  })); }, 100);
})); });
