// test-net-localerror: an invalid localAddress throws ERR_INVALID_IP_ADDRESS at once. (Node's localPort: 'foobar' case
// cannot be written in C#, where LocalPort is an int.)
const { net, tryDo } = require('./_harness');
tryDo('localAddress foobar', () => net.connect({ host: 'localhost', port: 0, localAddress: 'foobar' }));
