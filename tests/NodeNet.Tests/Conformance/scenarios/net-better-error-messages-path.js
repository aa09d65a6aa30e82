// test-net-better-error-messages-path: connecting to a Unix socket path that does not exist: ENOENT with the message
// 'connect ENOENT <path>'. (Node's path: {} cannot be written in C#, where Path is a string.)
const { net, t, tmp } = require('./_harness');
const fp = tmp + '/fadagagsdfgsdf';
const c = net.connect(fp);
c.on('connect', () => t('connect'));
c.on('error', e => t('error', e.code, e.message === `connect ENOENT ${fp}`));
