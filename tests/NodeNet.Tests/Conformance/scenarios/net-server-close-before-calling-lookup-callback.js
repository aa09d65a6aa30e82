// test-net-server-close-before-calling-lookup-callback: listen(0, 'localhost') then close() at once: the listen callback never
// runs and the process can end.
const { net, t } = require('./_harness');
const s = net.createServer();
t('listen returns server', s.listen(0, 'localhost', () => t('listening')) === s);
s.close(e => t('close cb', e ? e.code : null));
s.on('close', () => t('close', s.listening));
