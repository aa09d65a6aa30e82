// test-net-buffersize: bufferSize grows with each write queued while connecting and is 0 at 'finish'; the server
// drains with 'readable' and read().
const { net, t, listen } = require('./_harness');
const s = net.createServer(c => {
  let got = 0;
  c.on('readable', () => { const x = c.read(); if (x) got += x.length; });
  c.on('end', () => { t('server got', got); s.close(); });
});
listen(s, p => {
  const client = net.connect(p, '127.0.0.1');
  client.on('finish', () => t('finish', client.bufferSize));
  const sizes = [];
  for (let i = 1; i < 10; i++) { client.write('a'); sizes.push(client.bufferSize); }
  t('sizes', sizes);
  client.end();
});
