// The seeds' echo: c.write('hello\r\n'); c.pipe(c). The client sends three lines and ends; everything comes back.
const { net, t, listen } = require('./_harness');
const s = net.createServer(c => {
  c.on('pipe', src => t('server pipe', src === c));
  c.on('unpipe', src => t('server unpipe', src === c, c.readableFlowing));
  c.write('hello\r\n');
  const r = c.pipe(c);
  t('pipe returns destination', r === c, c.readableFlowing);
  c.on('end', () => t('server end'));
  c.on('finish', () => t('server finish'));
  c.on('close', e => { t('server close', e, c.bytesRead, c.bytesWritten); s.close(); });
});
listen(s, p => {
  const c = net.connect(p, '127.0.0.1');
  c.setEncoding('utf8');
  let got = '';
  c.on('data', d => {
    got += d;
    if (got === 'hello\r\n') c.write('one\r\n');
    else if (got === 'hello\r\none\r\n') { c.write('two\r\n'); c.end('three\r\n'); }
  });
  c.on('end', () => t('client end', JSON.stringify(got)));
  c.on('close', e => t('client close', e));
});
