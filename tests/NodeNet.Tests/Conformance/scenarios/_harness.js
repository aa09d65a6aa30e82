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
// The body of echo-16mib.js and pipe-echo-16mib.js: 16 MiB of pattern(i) through an echo server, hashed on return.
// listen(server, ready) calls ready(connect) once listening; connect(onConnect) opens the client.
function echo16MiB(pattern, listen) {
  const crypto = require('crypto');
  const total = 16 * 1024 * 1024;
  const data = Buffer.alloc(total);
  for (let i = 0; i < total; i++) data[i] = pattern(i);
  const s = net.createServer(sock => {
    sock.on('data', d => { if (!sock.write(d)) { sock.pause(); sock.once('drain', () => sock.resume()); } });
    sock.on('close', () => s.close());
  });
  listen(s, connect => {
    const h = crypto.createHash('sha256'); let got = 0;
    const c = connect();
    c.on('connect', () => {
      let off = 0;
      (function write() {
        while (off < total) { const n = Math.min(65536, total - off); const ok = c.write(data.subarray(off, off + n)); off += n; if (!ok) return c.once('drain', write); }
        c.end();
      })();
    });
    c.on('data', d => { h.update(d); got += d.length; });
    c.on('end', () => t('echoed', got, h.digest('hex') === crypto.createHash('sha256').update(data).digest('hex')));
    c.on('close', h2 => t('close', h2));
  });
}
module.exports = { net, t, port, err, addr, tryDo, listen, tmp, fs, mode, echo16MiB };
