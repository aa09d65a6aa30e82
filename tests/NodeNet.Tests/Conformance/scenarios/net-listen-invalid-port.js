// test-net-listen-invalid-port: listen() refuses port 4294967295 synchronously with ERR_SOCKET_BAD_PORT, in the call forms C#
// can spell (the positional port as a string, the options form with 65536: C# ints cannot hold 2^32-1); listen(0) still works.
// (_connectionKey, internal, is left out.)
const { net, t, tryDo, port, addr } = require('./_harness');
net.createServer().listen(0, '127.0.0.1', function () { port(this.address().port); t('listening', addr(this.address())); this.close(); });
tryDo("listen('4294967295')", () => net.createServer().listen('4294967295', () => t('listening 1')));
tryDo('listen({ port: 65536 })', () => net.createServer().listen({ port: 65536 }, () => t('listening 2')));
tryDo("listen({ port: 65536, host: '0.0.0.0' })", () => net.createServer().listen({ port: 65536, host: '0.0.0.0' }, () => t('listening 3')));
