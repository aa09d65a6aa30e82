// test-net-listen-error: listen(1, '1.1.1.1'), an address not on this machine: 'error' (EADDRNOTAVAIL), never the listen callback.
const { net, t, err } = require('./_harness');
const s = net.createServer(() => t('connection'));
s.listen(1, '1.1.1.1', () => t('listening'));
s.on('error', e => t('error', err(e), s.listening));
