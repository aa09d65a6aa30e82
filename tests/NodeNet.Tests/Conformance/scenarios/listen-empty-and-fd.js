// Inputs node rejects or reads its own way: '' as a port, an empty path, fd -1 as "no fd", and a bad fd's error.
const { net, t, err, tryDo } = require('./_harness');
tryDo('listen("")', () => net.createServer().listen(''));
tryDo('listen({ path: "" })', () => net.createServer().listen({ path: '' }));
tryDo('listen({ fd: -1 })', () => net.createServer().listen({ fd: -1 }));
tryDo('connect timeout -1', () => net.connect({ port: 1, host: '127.0.0.1', timeout: -1 }));
const s = net.createServer();
s.on('error', e => { t('fd 99 error', err(e), 'port' in e); s.close(); });
tryDo('listen({ fd: 99 })', () => s.listen({ fd: 99 }));
