const { net, t, tmp, fs, tryDo } = require('./_harness');
const name = '\0nodenet-conformance-' + require('path').basename(tmp);
const s = net.createServer(sock => sock.end('abstract hello'));
s.listen(name, () => {
  t('address is the name', s.address() === name, fs.readdirSync(tmp).length);
  const c = net.connect(name);
  c.setEncoding('utf8');
  c.on('data', d => t('data', d));
  c.on('close', () => s.close(() => t('closed')));
});
tryDo('abstract readableAll', () => net.createServer().listen({ path: '\0x', readableAll: true }));
