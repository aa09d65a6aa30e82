// test-net-listen-close-server-callback-is-not-function: close() right after listen(0): 'close' fires, the listen callback never runs.
// (Node's close('bad argument') ignores a non-function; C# cannot pass one, so close() without a callback.)
const { net, t } = require('./_harness');
const s = net.createServer(() => t('connection'));
s.on('close', () => t('close', s.listening));
s.listen(0, () => t('listening'));
s.close();
t('sync', s.listening);
