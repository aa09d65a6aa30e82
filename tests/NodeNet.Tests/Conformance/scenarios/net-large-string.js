// test-net-large-string: 40K three-byte characters written with encoding 'UTF-8' and read with setEncoding('UTF-8') come out as 40K characters.
const { net, t, listen } = require('./_harness');
const size = 40 * 1024;
const data = 'あ'.repeat(size);
const s = net.createServer(sock => {
  let got = 0, ok = true;
  sock.setEncoding('UTF-8');
  sock.on('data', d => { got += d.length; if (d !== 'あ'.repeat(d.length)) ok = false; });
  sock.on('end', () => { t('server end', got, ok, sock.bytesRead); sock.end(); });
});
listen(s, p => {
  const c = net.createConnection(p, '127.0.0.1');
  c.on('end', () => { t('client end', c.bytesWritten); s.close(); });
  c.resume();
  c.write(data, 'UTF-8');
  c.end();
});
