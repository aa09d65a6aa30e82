// test-net-autoselectfamily-default: connections without an autoSelectFamily option take setDefaultAutoSelectFamily's value:
// true falls back from a refused ::1 to 127.0.0.1; false tries ::1 only and fails with its ECONNREFUSED. The default is put
// back at once (it is process-wide).
const { net, t, listen } = require('./_harness');
const mockedLookup = (...addrs) => (host, o, cb) => process.nextTick(() =>
  o.all ? cb(null, addrs.map(a => ({ address: a, family: net.isIP(a) }))) : cb(null, addrs[0], net.isIP(addrs[0])));
const before = net.getDefaultAutoSelectFamily();
function on(next) {
  const s = net.createServer(sock => sock.on('data', () => { sock.write('response-ipv4'); sock.end(); }));
  listen(s, p => {
    net.setDefaultAutoSelectFamily(true);
    const c = net.createConnection({ host: 'example.org', port: p, lookup: mockedLookup('::1', '127.0.0.1'), autoSelectFamilyAttemptTimeout: 2500 });
    net.setDefaultAutoSelectFamily(before);
    let response = '';
    c.setEncoding('utf-8');
    c.on('data', d => response += d);
    c.on('end', () => { t('on: end', response, c.autoSelectFamilyAttemptedAddresses); s.close(next); });
    c.write('request');
  });
}
function off() {
  const s = net.createServer(sock => sock.on('data', () => { sock.write('response-ipv4'); sock.end(); }));
  listen(s, p => {
    net.setDefaultAutoSelectFamily(false);
    const c = net.createConnection({ host: 'example.org', port: p, lookup: mockedLookup('::1', '127.0.0.1') });
    net.setDefaultAutoSelectFamily(before);
    c.on('ready', () => t('off: ready'));
    c.on('error', e => { t('off: error', e.code, e.message, c.autoSelectFamilyAttemptedAddresses ?? null); s.close(); });
  });
}
on(off);
