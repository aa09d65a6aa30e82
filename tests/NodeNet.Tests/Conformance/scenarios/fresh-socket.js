const { net, t } = require('./_harness');
const c = new net.Socket();
t('fresh', c.readyState, c.pending, c.connecting, c.destroyed, c.bufferSize, c.timeout, c.bytesRead, c.bytesWritten,
  c.remoteAddress, c.localAddress, c.writable, c.readable, c.allowHalfOpen, c.server === undefined ? 'undefined' : c.server, c.writableHighWaterMark);
t('address', c.address());
const d = new net.Socket({ allowHalfOpen: true });
t('allowHalfOpen', d.allowHalfOpen);
