// Shared by every scenario: one JSON array per line. ["#port", n] registers an ephemeral port so the
// test can replace it (and every later occurrence) with a stable name before comparing traces.
const net = require('net');
function t(...a) { process.stdout.write(JSON.stringify(a) + '\n'); }
function port(p) { t('#port', p); return p; }
function err(e) {
  if (!e) return null;
  const o = { name: e.name, code: e.code, message: e.message };
  for (const k of ['errno', 'syscall', 'address', 'port']) if (k in e) o[k] = e[k];
  return o;
}
function addr(a) { return a && typeof a === 'object' ? { address: a.address, family: a.family, port: a.port } : a; }
function tryDo(label, f) { try { f(); t(label, 'ok'); } catch (e) { t(label, err(e)); } }
// A server on 127.0.0.1 with a random port; cb(server, port).
function listen(server, cb) { server.listen(0, '127.0.0.1', () => cb(port(server.address().port))); }
// A directory of the test's for socket paths, emptied between the node run and the NodeNet run.
const tmp = process.env.SCENARIO_TMP;
const fs = require('fs');
function mode(path) { return (fs.statSync(path).mode & 0o777).toString(8); }
module.exports = { net, t, port, err, addr, tryDo, listen, tmp, fs, mode };
