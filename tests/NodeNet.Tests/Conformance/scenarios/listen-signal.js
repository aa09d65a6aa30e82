const { net, t, port } = require('./_harness');
const ac = new AbortController();
const s = net.createServer();
s.on('close', () => t('close'));
s.listen({ port: 0, host: '127.0.0.1', signal: ac.signal }, () => {
  port(s.address().port);
  t('listening');
  ac.abort();
  t('after abort', s.listening);
});
const pre = new AbortController(); pre.abort();
const s2 = net.createServer();
s2.on('listening', () => t('s2 listening'));
s2.on('close', () => t('s2 close'));
s2.listen({ port: 0, signal: pre.signal });
t('s2 after listen', s2.listening);
