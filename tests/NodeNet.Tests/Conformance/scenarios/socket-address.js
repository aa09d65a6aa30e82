// net.SocketAddress: defaults per family, normalised family, and Node's errors.
const { net, t, tryDo } = require('./_harness');
const show = a => [a.address, a.family, a.port, a.flowlabel];
t('default', show(new net.SocketAddress()));
t('v6 default', show(new net.SocketAddress({ family: 'ipv6' })));
t('given', show(new net.SocketAddress({ address: '::1', family: 'IPv6', port: 80, flowlabel: 7 })));
t('v4', show(new net.SocketAddress({ address: '10.1.2.3', port: 65535 })));
tryDo('bad address', () => new net.SocketAddress({ address: 'nope' }));
tryDo('v6 as v4', () => new net.SocketAddress({ address: '::1' }));
tryDo('family', () => new net.SocketAddress({ family: 'ipv9' }));
tryDo('port', () => new net.SocketAddress({ port: 70000 }));
tryDo('flowlabel', () => new net.SocketAddress({ flowlabel: -1 }));
