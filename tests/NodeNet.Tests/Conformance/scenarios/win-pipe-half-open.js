// Windows named pipes and allowHalfOpen, both ways. Windows pipes cannot half-close: libuv ends the reading side of a
// pipe that shut down its writing side once 50 ms pass with nothing to read, and closes it.
const { net, t } = require('./_harness');
const name = '\\\\.\\pipe\\nodenet-conformance-half';
function run(clientFirst, done) {
  const s = net.createServer({ allowHalfOpen: true }, sock => {
    sock.setEncoding('utf8');
    sock.on('data', d => t('server data', d));
    sock.on('end', () => { t('server end', sock.writable); if (clientFirst) sock.end('reply after client end'); });
    sock.on('error', e => t('server error', e.code));
    sock.on('close', h => { t('server close', h); s.close(done); });
    if (!clientFirst) sock.end('server first');
  });
  s.listen(name, () => {
    const c = net.connect({ path: name, allowHalfOpen: true }, () => { if (clientFirst) c.end('request'); });
    c.setEncoding('utf8');
    c.on('finish', () => t('client finish'));
    c.on('data', d => t('client data', d));
    c.on('end', () => { t('client end', c.writable); if (!clientFirst) c.end('client reply'); });
    c.on('error', e => t('client error', e.code));
    c.on('close', h => t('client close', h));
  });
}
run(true, () => { t('-- server first'); run(false, () => t('done')); });
