// test-net-socket-connect-invalid-autoselectfamilyattempttimeout: -10 and 0 are out of range as a connect option and as the
// default (ERR_OUT_OF_RANGE); a default of 1 or 9 becomes 10. The default is put back afterwards.
const { net, t, tryDo } = require('./_harness');
const before = net.getDefaultAutoSelectFamilyAttemptTimeout();
for (const v of [-10, 0]) {
  tryDo(`connect ${v}`, () => net.connect({ port: 8080, autoSelectFamily: true, autoSelectFamilyAttemptTimeout: v }));
  tryDo(`setDefault ${v}`, () => net.setDefaultAutoSelectFamilyAttemptTimeout(v));
}
for (const v of [1, 9]) { net.setDefaultAutoSelectFamilyAttemptTimeout(v); t(`default after ${v}`, net.getDefaultAutoSelectFamilyAttemptTimeout()); }
net.setDefaultAutoSelectFamilyAttemptTimeout(before);
