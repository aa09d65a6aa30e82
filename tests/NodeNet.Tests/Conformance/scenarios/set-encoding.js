const { net, t, listen, tryDo } = require('./_harness');
const euro = Buffer.from('€uro ☃', 'utf8'); // multi-byte characters, split across writes below
const s = net.createServer(sock => {
  sock.write(euro.subarray(0, 1));
  setTimeout(() => sock.write(euro.subarray(1, 5)), 20);
  setTimeout(() => sock.end(euro.subarray(5)), 40);
});
listen(s, p => {
  const c = net.connect(p, '127.0.0.1');
  const r = c.setEncoding('utf8');
  t('returned this', r === c);
  const chunks = [];
  c.on('data', d => chunks.push([typeof d, d]));
  c.on('end', () => {
    t('chunks', chunks);
    const h = net.connect(p, '127.0.0.1'); h.setEncoding('hex'); let hex = '';
    h.on('data', d => { hex += d; });
    h.on('end', () => {
      t('hex', hex);
      const b = net.connect(p, '127.0.0.1'); b.setEncoding('base64'); let b64 = '';
      b.on('data', d => { b64 += d; });
      b.on('end', () => { t('base64', b64); s.close(); });
    });
  });
  tryDo('bad encoding', () => net.Socket().setEncoding('klingon'));
});
