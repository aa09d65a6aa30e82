const { net, t, tryDo } = require('./_harness');
tryDo('connect({})', () => net.connect({}));
tryDo('connect({port:-1})', () => net.connect({ port: -1 }));
tryDo('connect({port:65536})', () => net.connect({ port: 65536 }));
tryDo('connect({port, localAddress bad})', () => net.connect({ port: 80, localAddress: 'nope' }));
tryDo("connect('65536')", () => net.connect('65536'));
