// test-net-connect-options-port: ports -1 and 65536 throw ERR_SOCKET_BAD_PORT and invalid hints ERR_INVALID_ARG_VALUE in the six
// connect forms (net.createConnection, net.connect, new Socket().connect; callback or 'connect' listener), with and without a
// host; those six forms connect by port number (with and without host 'localhost', family 4) and by the port as a decimal and a
// hex string; once the server is closed, port 0 fails asynchronously with a connect error. (true, false, [], {}, null, '', ' ',
// '0x', '-0x1', NaN and Infinity as ports cannot be written in C#; the string ports go through connect(string).)
const { net, t, listen, err } = require('./_harness');
const doConnect = (args, getCb) => [
  () => net.createConnection(...args, getCb()).resume(),
  () => net.createConnection(...args).on('connect', getCb()).resume(),
  () => net.connect(...args, getCb()).resume(),
  () => net.connect(...args).on('connect', getCb()).resume(),
  () => { const s = new net.Socket(); return s.connect(...args, getCb()).resume(); },
  () => { const s = new net.Socket(); return s.connect(...args).on('connect', getCb()).resume(); },
];
const never = () => () => t('connected');
function syncFail(label, args) {
  const codes = doConnect(args, never).map(f => { try { f(); return 'no throw'; } catch (e) { return `${e.name} ${e.code}`; } });
  t(label, codes.every(c => c === codes[0]) ? codes[0] : codes);
}
for (const port of [-1, 65536]) {
  syncFail(`{port: ${port}}`, [{ port, family: 4 }]);
  syncFail(`{port: ${port}, host}`, [{ port, host: 'localhost', family: 4 }]);
}
syncFail('bad hints', [{ port: 42, hints: (1024 | 2048 | 256) + 42 }]);
try { net.connect({ port: 42, hints: (1024 | 2048 | 256) + 42 }); } catch (e) { t('bad hints message', /The argument 'hints' is invalid\. Received \d+/.test(e.message)); }
let connections = 0, callbacks = 0;
const s = net.createServer(sock => { sock.end('ok'); if (++connections === 30) s.close(); });
s.on('close', () => { t('connections', connections, callbacks); asyncFail(); });
listen(s, p => {
  const cb = () => () => callbacks++;
  for (const args of [[{ port: p, family: 4 }], [{ port: p, host: 'localhost', family: 4 }], [p, '127.0.0.1']]) doConnect(args, cb).forEach(f => f());
  for (const port of [String(p), `0x${p.toString(16)}`]) doConnect([port], cb).forEach(f => f());
});
function asyncFail() {
  let n = 0;
  const fns = doConnect([{ port: 0, family: 4 }], never).concat(doConnect([{ port: 0, host: 'localhost', family: 4 }], never));
  const msgs = [];
  fns.forEach(f => f().on('error', e => { msgs.push(/^Error: connect E\w+.+$/.test(String(e)) ? e.message : String(e)); if (++n === fns.length) t('port 0', n, [...new Set(msgs)]); }));
}
