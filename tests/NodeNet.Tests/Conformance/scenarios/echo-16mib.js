const { net, listen, echo16MiB } = require('./_harness');
echo16MiB(i => (i * 13 + (i >> 9)) & 0xff, (server, ready) => listen(server, p => ready(() => net.connect(p, '127.0.0.1'))));
