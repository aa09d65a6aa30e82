// test-net-better-error-messages-listen-path: listening on a path in a directory that does not exist: 'error' whose address is
// the path; the listen callback never runs.
const { net, t, err } = require('./_harness');
const fp = '/blah/fadfa';
const s = net.createServer(() => t('connection'));
s.listen(fp, () => t('listening'));
s.on('error', e => t('error', err(e), e.address === fp));
