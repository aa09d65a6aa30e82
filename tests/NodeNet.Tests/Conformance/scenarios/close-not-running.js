const { net, t, err } = require('./_harness');
const s = net.createServer();
s.on('close', () => t('close event'));
const r = s.close(e => t('cb', err(e)));
t('returned this', r === s);
