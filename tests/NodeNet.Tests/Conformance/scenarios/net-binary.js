// test-net-binary: every latin1 character survives an echo server, written with 'binary' and 'latin1', read with setEncoding('latin1').
const { net, t, listen } = require('./_harness');
let all = '';
for (let i = 255; i >= 0; i--) all += String.fromCharCode(i);
const s = net.createServer(conn => {
  conn.setEncoding('latin1');
  conn.on('data', d => conn.write(d, 'latin1'));
  conn.on('end', () => conn.end());
});
listen(s, p => {
  let recv = '', j = 0;
  const c = net.createConnection({ port: p, host: '127.0.0.1' });
  c.setEncoding('latin1');
  c.on('data', d => {
    const n = j + d.length;
    while (j < n && j < 256) { c.write(String.fromCharCode(j), 'latin1'); j++; }
    if (j === 256) c.end();
    recv += d;
  });
  c.on('connect', () => c.write(all, 'binary'));
  c.on('close', () => {
    const a = recv.split('');
    t('received', recv.length, a.slice(0, 256).reverse().join('') === a.slice(256).join(''), recv.slice(0, 4), recv.slice(-4));
    s.close();
  });
});
