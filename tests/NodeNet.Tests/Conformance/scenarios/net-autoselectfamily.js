// test-net-autoselectfamily: happy eyeballs. ::1 refused then 127.0.0.1; six addresses tried interleaved by family, IPv6
// first (Node's test uses public addresses for the four that fail; here they are loopback ones that refuse); an IPv6 server
// answering first ends the attempts; all refused is an AggregateError of each attempt's error; autoSelectFamily: false tries
// only the first address.
const { net, t, listen, port } = require('./_harness');
const mockedLookup = (...addrs) => (host, o, cb) => process.nextTick(() =>
  o.all ? cb(null, addrs.map(a => ({ address: a, family: net.isIP(a) }))) : cb(null, addrs[0], net.isIP(addrs[0])));
const timeout = 2500;
const reply = name => sock => sock.on('data', () => { sock.write('response-' + name); sock.end(); });
function run(name, s, p, addrs, next) {
  const c = net.createConnection({ host: 'example.org', port: p, lookup: mockedLookup(...addrs), autoSelectFamily: true, autoSelectFamilyAttemptTimeout: timeout });
  let response = '';
  c.setEncoding('utf-8');
  c.on('ready', () => t(name, 'ready', c.autoSelectFamilyAttemptedAddresses));
  c.on('data', d => response += d);
  c.on('end', () => { t(name, 'end', response); next(); });
  c.write('request');
}
function fallback(next) {
  const s = net.createServer(reply('ipv4'));
  listen(s, p => run('fallback', s, p, ['::1', '127.0.0.1'], () => s.close(next)));
}
function interleave(next) {
  const s = net.createServer(reply('ipv4'));
  listen(s, p => run('interleave', s, p, ['::ffff:127.0.0.2', '::ffff:127.0.0.3', '::1', '127.0.0.2', '127.0.0.3', '127.0.0.1'], () => s.close(next)));
}
function ipv6First(next) {
  const v4 = net.createServer(sock => sock.on('data', () => t('ipv4 data')));
  const v6 = net.createServer(reply('ipv6'));
  listen(v4, p => v6.listen(p, '::1', () => run('ipv6', v4, p, ['::1', '127.0.0.1'], () => { v4.close(); v6.close(next); })));
}
function allRefused(next) {
  const s = net.createServer();
  listen(s, p => s.close(() => {
    const c = net.createConnection({ host: 'example.org', port: p, lookup: mockedLookup('::1', '127.0.0.1'), autoSelectFamily: true, autoSelectFamilyAttemptTimeout: timeout });
    c.on('ready', () => t('refused', 'ready'));
    c.on('error', e => {
      t('refused', 'error', e.name, e.code, c.autoSelectFamilyAttemptedAddresses, e.errors.map(x => x.message).sort());
      next();
    });
  }));
}
function disabled() {
  const s = net.createServer(reply('ipv4'));
  listen(s, p => {
    const c = net.createConnection({ host: 'example.org', port: p, lookup: mockedLookup('::1', '127.0.0.1'), autoSelectFamily: false });
    c.on('ready', () => t('disabled', 'ready'));
    c.on('error', e => { t('disabled', 'error', c.autoSelectFamilyAttemptedAddresses ?? null, e.code, e.message); s.close(); });
  });
}
fallback(() => interleave(() => ipv6First(() => allRefused(disabled))));
