// net.get/setDefaultAutoSelectFamily(AttemptTimeout): Node 20's defaults, the 10 ms floor, range errors, and connect
// options validated against the same rule.
const { net, t, tryDo, listen } = require('./_harness');
const before = net.getDefaultAutoSelectFamilyAttemptTimeout();
t('defaults', net.getDefaultAutoSelectFamily(), net.getDefaultAutoSelectFamilyAttemptTimeout());
net.setDefaultAutoSelectFamilyAttemptTimeout(5);
t('5 becomes', net.getDefaultAutoSelectFamilyAttemptTimeout());
net.setDefaultAutoSelectFamilyAttemptTimeout(300);
t('300', net.getDefaultAutoSelectFamilyAttemptTimeout());
for (const v of [0, -1]) tryDo(`set ${v}`, () => net.setDefaultAutoSelectFamilyAttemptTimeout(v));
t('unchanged', net.getDefaultAutoSelectFamilyAttemptTimeout());
net.setDefaultAutoSelectFamily(false);
t('family off', net.getDefaultAutoSelectFamily());
net.setDefaultAutoSelectFamily(true);
net.setDefaultAutoSelectFamilyAttemptTimeout(before); // the process-wide default back, as the C# twin must
const s = net.createServer(sock => sock.end());
listen(s, p => {
  tryDo('connect timeout 0', () => net.connect({ port: p, host: '127.0.0.1', autoSelectFamilyAttemptTimeout: 0 }));
  tryDo('connect timeout -5', () => net.connect({ port: p, host: '127.0.0.1', autoSelectFamilyAttemptTimeout: -5 }));
  const c = net.connect({ port: p, host: '127.0.0.1', autoSelectFamilyAttemptTimeout: 5 }, () => t('connected with 5'));
  c.resume();
  c.on('close', () => s.close());
});
