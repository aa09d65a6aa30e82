// test-net-autoselectfamily-ipv4first: with a lookup answering 127.0.0.1 before ::1, autoSelectFamily connects to the IPv4
// server although an IPv6 server listens on the same port.
const { net, t, listen } = require('./_harness');
const mockedLookup = (...addrs) => (host, o, cb) => process.nextTick(() =>
  o.all ? cb(null, addrs.map(a => ({ address: a, family: net.isIP(a) }))) : cb(null, addrs[0], net.isIP(addrs[0])));
const v4 = net.createServer(sock => sock.on('data', () => { sock.write('response-ipv4'); sock.end(); }));
const v6 = net.createServer(sock => sock.on('data', () => { t('ipv6 data'); sock.write('response-ipv6'); sock.end(); }));
listen(v4, p => {
  v6.listen(p, '::1', () => {
    const c = net.createConnection({ host: 'example.org', port: p, lookup: mockedLookup('127.0.0.1', '::1'), autoSelectFamily: true });
    let response = '';
    c.setEncoding('utf-8');
    c.on('data', d => response += d);
    c.on('end', () => { t('end', response, c.autoSelectFamilyAttemptedAddresses); v4.close(); v6.close(); });
    c.write('request');
  });
});
