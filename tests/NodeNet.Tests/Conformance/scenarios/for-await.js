// for await over a socket: it ends at the peer's FIN, a break leaves the socket destroyed, a destroy midway throws
// ERR_STREAM_PREMATURE_CLOSE, and a reset throws the socket's error.
const { net, t, listen } = require('./_harness');
const s = net.createServer(c => {
  c.on('error', () => {});
  c.write('a');
  setTimeout(() => c.write('b'), 20);
  setTimeout(() => { if (c.writable) c.end('c'); }, 40);
});
listen(s, async p => {
  const c = net.connect(p, '127.0.0.1');
  let got = '';
  for await (const x of c) got += x;
  t('ended', got, c.destroyed);
  const d = net.connect(p, '127.0.0.1');
  for await (const x of d) { t('break at', String(x)); break; }
  await new Promise(r => setImmediate(r));
  t('after break destroyed', d.destroyed);
  const e = net.connect(p, '127.0.0.1');
  try { for await (const x of e) e.destroy(); t('no throw'); } catch (err) { t('destroyed midway threw', err.code); }
  s.close();
});
