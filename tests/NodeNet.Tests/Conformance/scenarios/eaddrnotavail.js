const { net, t, err } = require('./_harness');
const s = net.createServer();
s.on('error', e => t('error', err(e), s.listening));
s.listen(0, '192.0.2.1'); // TEST-NET-1: never a local address
