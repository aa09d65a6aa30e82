// test-net-write-arguments: write(null) throws ERR_STREAM_NULL_VALUES at once and emits no 'error'. (Node's other non-string,
// non-Buffer chunks cannot be written in C#, and highWaterMark 0 plays no part in the throw.)
const { net, t, tryDo } = require('./_harness');
const c = new net.Socket();
c.on('error', e => t('error', e.code));
tryDo('write(null)', () => c.write(null));
