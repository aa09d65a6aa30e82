// test-net-boundsocket (newer than 25.8.1: Node 26.4 / 24.19): new net.BoundSocket binds at once: address() with the OS port,
// fd(), host defaulting to 0.0.0.0 (with options and without); EADDRINUSE on a listening port and EADDRNOTAVAIL on 192.0.2.1,
// both syscall 'bind', thrown; a host name is ERR_INVALID_ARG_VALUE; close() frees the port; server.listen(bound) and
// new Socket({ handle: bound }) adopt it (then address/fd/close throw ERR_SOCKET_HANDLE_ADOPTED) and round-trip ping/pong;
// connect({ localPort }) on an adopted handle is ERR_INVALID_ARG_VALUE; reusePort lets two listen on one port; ::1, ipv6Only and
// '::'. (host: 1234 and BoundSocket(0) cannot be written in C#; the EACCES case is skipped as root, as in Node's test.)
const { net, t, tryDo, err, port } = require('./_harness');
const code = f => { try { f(); return 'ok'; } catch (e) { return [e.code, e.syscall ?? null, e.name]; } };
{
  const b = new net.BoundSocket({ host: '127.0.0.1', port: 0 });
  const a = b.address();
  t('explicit', a.address, a.family, a.port > 0, b.fd() >= 0);
  b.close();
}
{ const b = new net.BoundSocket({ port: 0 }); const a = b.address(); t('default host', a.address, a.family, a.port > 0); b.close(); }
{ const b = new net.BoundSocket(); const a = b.address(); t('no options', a.address, a.family, a.port > 0); b.close(); }
t('localhost', code(() => new net.BoundSocket({ host: 'localhost', port: 0 })));
t('192.0.2.1', code(() => new net.BoundSocket({ host: '192.0.2.1', port: 0 })));
{
  const b = new net.BoundSocket({ host: '127.0.0.1', port: 0 });
  const p = b.address().port;
  b.close();
  const again = new net.BoundSocket({ host: '127.0.0.1', port: p });
  t('rebound after close', again.address().port === p);
  again.close();
}
{
  const b = new net.BoundSocket({ host: '127.0.0.1', port: 0 });
  const c = new net.Socket({ handle: b });
  t('localPort on adopted', code(() => c.connect({ host: '127.0.0.1', port: 1, localPort: 0 })));
  c.destroy();
}
{
  const b = new net.BoundSocket({ host: '::1', port: 0 });
  const a = b.address();
  t('::1', a.address, a.family, a.port > 0);
  b.close();
  const o = new net.BoundSocket({ ipv6Only: true, port: 0 });
  t('ipv6Only', o.address().address, o.address().family);
  o.close();
  const d = new net.BoundSocket({ host: '::', port: 0 });
  t('::', d.address().family);
  d.close();
}
function inUse(next) {
  const s = net.createServer();
  s.listen(0, '127.0.0.1', () => {
    t('in use', code(() => new net.BoundSocket({ host: '127.0.0.1', port: port(s.address().port) })));
    s.close(next);
  });
}
function serverAdopts(next) {
  const b = new net.BoundSocket({ host: '127.0.0.1', port: 0 });
  const p = port(b.address().port);
  const s = net.createServer(sock => sock.on('data', d => { t('server got', String(d)); sock.end('pong'); }));
  s.listen(b, () => {
    t('server adopted', s.address().port === p, code(() => b.address()), code(() => b.fd()), code(() => b.close()));
    const c = net.connect({ host: '127.0.0.1', port: p }, () => c.end('ping'));
    c.on('data', d => t('client got', String(d)));
    c.on('close', () => s.close(next));
  });
}
function clientAdopts(next) {
  const s = net.createServer(sock => sock.on('data', d => { t('server got', String(d)); sock.end('pong'); }));
  s.listen(0, '127.0.0.1', () => {
    const sp = port(s.address().port);
    const b = new net.BoundSocket({ host: '127.0.0.1', port: 0 });
    const lp = b.address().port;
    const c = new net.Socket({ handle: b });
    t('client adopted', code(() => b.address()));
    c.connect({ host: '127.0.0.1', port: sp }, () => { t('bound local port', c.localPort === lp); c.end('ping'); });
    c.on('data', d => t('client got', String(d)));
    c.on('close', () => s.close(next));
  });
}
function reuse() {
  const first = new net.BoundSocket({ host: '127.0.0.1', port: 0, reusePort: true });
  const p = port(first.address().port);
  const second = new net.BoundSocket({ host: '127.0.0.1', port: p, reusePort: true });
  const s1 = net.createServer(), s2 = net.createServer();
  s1.listen(first, () => s2.listen(second, () => { t('reusePort', s1.address().port === p, s2.address().port === p); s1.close(); s2.close(); }));
}
inUse(() => serverAdopts(() => clientAdopts(reuse)));
