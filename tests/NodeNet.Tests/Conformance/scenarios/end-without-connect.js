// end() on a socket never told to connect finishes (Node 21: _final waits only while connecting).
const { net, t } = require('./_harness');
const s = new net.Socket();
s.on('finish', () => t('finish', s.writable, s.writableFinished));
s.on('close', h => t('close', h, s.destroyed));
s.on('error', e => t('error', e.code));
s.end(err => t('end callback', err ? err.code : null));
t('sync', s.writable, s.writableEnded, s.readyState, s.pending, s.connecting);
