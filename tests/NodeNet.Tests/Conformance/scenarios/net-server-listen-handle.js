// test-net-server-listen-handle, its public part: listen({ fd }) on a descriptor that is a regular file fails asynchronously
// with 'Error: listen EINVAL: invalid argument'. (listen(handle) with tcp_wrap/pipe_wrap handles needs --expose-internals.)
const { net, t, err, tmp, fs } = require('./_harness');
fs.writeFileSync(tmp + '/file', 'x');
const fd = fs.openSync(tmp + '/file', 'r');
const s = net.createServer();
s.on('error', e => { t('error', String(e), err(e)); fs.closeSync(fd); });
s.listen({ fd }, () => t('listening'));
t('listen returned');
