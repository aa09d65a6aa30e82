// A host name the resolver cannot answer: the system resolver's own error, as dnsException makes it (ENOTFOUND for
// no such name, EAI_AGAIN when no resolver answers: whichever this machine gives, both sides get it), with hostname.
const { net, t, err } = require('./_harness');
const host = 'nodenet-no-such-host.invalid';
const c = net.connect({ port: 80, host, autoSelectFamily: false });
c.on('lookup', (e, a, f, h) => t('lookup', err(e), e && e.hostname, a ?? null, h));
c.on('error', e => t('error', err(e), e.hostname));
c.on('close', h => t('close', h));
