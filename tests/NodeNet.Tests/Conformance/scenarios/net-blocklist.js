// test-net-blocklist: connect({ blockList }) refuses a blocked destination with ERR_IP_BLOCKED ('error'), for an IP host, a
// lookup answering one address, and with autoSelectFamily one or two blocked addresses.
const { net, t, err } = require('./_harness');
const blockList = new net.BlockList();
blockList.addAddress('127.0.0.1');
blockList.addAddress('127.0.0.2');
const cases = [
  ['ip', { port: 9999, host: '127.0.0.1', blockList }],
  ['lookup', { port: 9999, host: 'localhost', blockList, lookup: (h, o, cb) => o.all ? cb(null, [{ address: '127.0.0.1', family: 4 }]) : cb(null, '127.0.0.1', 4), autoSelectFamily: false }],
  ['autoSelectFamily one', { port: 9999, host: 'localhost', blockList, lookup: (h, o, cb) => cb(null, [{ address: '127.0.0.1', family: 4 }]), autoSelectFamily: true }],
  ['autoSelectFamily two', { port: 9999, host: 'localhost', blockList, lookup: (h, o, cb) => cb(null, [{ address: '127.0.0.1', family: 4 }, { address: '127.0.0.2', family: 4 }]), autoSelectFamily: true }],
];
(function next(i) {
  if (i === cases.length) return;
  const c = net.connect(cases[i][1]);
  c.on('connect', () => t(cases[i][0], 'connect'));
  c.on('error', e => t(cases[i][0], err(e)));
  c.on('connectionAttemptFailed', (a, p, f, e) => t(cases[i][0], 'attempt failed', a, p, f, e.code));
  c.on('close', () => { t(cases[i][0], 'attempted', c.autoSelectFamilyAttemptedAddresses ?? null); next(i + 1); });
})(0);
