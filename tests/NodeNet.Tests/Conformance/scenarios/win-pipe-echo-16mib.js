// 16 MiB through an echo server on a Windows named pipe, byte-exact.
const { net, echo16MiB } = require('./_harness');
const name = '\\\\.\\pipe\\nodenet-conformance-echo';
echo16MiB(i => (i * 29 + (i >> 11)) & 0xff, (server, ready) => server.listen(name, () => ready(() => net.connect(name))));
