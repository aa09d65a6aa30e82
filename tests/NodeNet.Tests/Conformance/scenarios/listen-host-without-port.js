// listen({ host }) with no port: Node 20 refuses it (newer docs describe a random port; v20 does not do that).
const { net, t, tryDo } = require('./_harness');
const s = net.createServer();
tryDo('host only', () => s.listen({ host: '127.0.0.1' }));
t('listening', s.listening);
