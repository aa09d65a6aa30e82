const { net, tmp, echo16MiB } = require('./_harness');
const path = tmp + '/echo.sock';
echo16MiB(i => (i * 31 + (i >> 13)) & 0xff, (server, ready) => server.listen(path, () => ready(() => net.connect(path))));
