// test-net-options-lookup: a lookup answering family 100 makes the socket emit ERR_INVALID_ADDRESS_FAMILY with host and port.
// (Node's non-function lookup values cannot be written in C#, where Lookup is a delegate. Node's error also has e.host,
// which NodeNet's errors do not: the message carries the host.)
const { net, t, err } = require('./_harness');
const c = net.connect({ host: 'localhost', port: 0, lookup: (host, o, cb) => o.all ? cb(null, [{ address: '127.0.0.1', family: 100 }]) : cb(null, '127.0.0.1', 100) });
c.on('error', e => t('error', err(e)));
c.on('close', h => t('close', h));
