// test-net-autoselectfamily-attempt-timeout-default-value: the default attempt timeout, unchanged. (Node's test expects 2500:
// its harness multiplies the default by 5. The default is 500 in Node 26, 250 in Node 24: NodeReference.SecondDiffers.)
const { net, t } = require('./_harness');
t('default', net.getDefaultAutoSelectFamilyAttemptTimeout());
