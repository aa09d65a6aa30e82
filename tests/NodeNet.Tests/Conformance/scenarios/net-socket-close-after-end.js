// test-net-socket-close-after-end: a read() that comes 100 ms after 'readable' still gets 'end' before 'close'.
const { net, t, listen } = require('./_harness');
const s = net.createServer(c => {
  let endEmitted = false;
  c.once('readable', () => setTimeout(() => t('read', String(c.read())), 100));
  c.on('end', () => { endEmitted = true; t('end'); });
  c.on('close', () => { t('close after end', endEmitted); s.close(); });
  c.end('foo');
});
listen(s, p => {
  const c = net.createConnection(p, '127.0.0.1', () => c.end('foo'));
  c.resume();
});
