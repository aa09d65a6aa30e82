// test-net-dns-custom-lookup: a custom lookup is asked with the family given (4, then 6 against ::1), answers on a later tick,
// and 'lookup' reports (null, address, family); a lookup answering no address emits ERR_INVALID_IP_ADDRESS.
const { net, t, listen, err, port } = require('./_harness');
function check(family, next) {
  const address = family === 4 ? '127.0.0.1' : '::1';
  const s = net.createServer(client => { client.end(); s.close(next); });
  s.listen(0, address, () => {
    const lookup = (host, o, cb) => {
      t(family, 'asked', host, o.family, !!o.all);
      process.nextTick(() => o.all ? cb(null, [{ address, family }]) : cb(null, address, family));
    };
    const c = net.connect({ port: port(s.address().port), host: 'localhost', family, lookup });
    c.on('lookup', (e, ip, type, host) => t(family, 'lookup', e, ip, type, host));
    c.on('connect', () => t(family, 'connect', c.remoteAddress));
    c.resume();
  });
}
check(4, () => check(6, () => {
  const c = net.connect({ host: 'localhost', port: 80, lookup: (h, o, cb) => o.all ? cb(null, [{ address: undefined, family: 4 }]) : cb(null, undefined, 4) });
  c.on('error', e => t('no address', err(e)));
}));
