// test-net-isip: net.isIP/isIPv4/isIPv6 for the strings Node's test checks (v4, v6, zone ids, malformed) and null.
// (Node's numbers, booleans, {} and objects with a toString() cannot be passed to C#'s string parameter.)
const { net, t } = require('./_harness');
const inputs = [
  "127.0.0.1",
  "x127.0.0.1",
  "example.com",
  "0000:0000:0000:0000:0000:0000:0000:0000",
  "0000:0000:0000:0000:0000:0000:0000:0000::0000",
  "1050:0:0:0:5:600:300c:326b",
  "2001:252:0:1::2008:6",
  "2001:dead:beef:1::2008:6",
  "2001::",
  "2001:dead::",
  "2001:dead:beef::",
  "2001:dead:beef:1::",
  "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff",
  ":2001:252:0:1::2008:6:",
  ":2001:252:0:1::2008:6",
  "2001:252:0:1::2008:6:",
  "2001:252::1::2008:6",
  "::2001:252:1:2008:6",
  "::2001:252:1:1.1.1.1",
  "::2001:252:1:255.255.255.255",
  "::2001:252:1:255.255.255.255.76",
  "fe80::2008%eth0",
  "fe80::2008%eth0.0",
  "fe80::2008%eth0@1",
  "::anything",
  "::1",
  "::",
  "0000:0000:0000:0000:0000:0000:12345:0000",
  "0",
  "",
  "bla",
];
for (const i of inputs) t(i, net.isIP(i), net.isIPv4(i), net.isIPv6(i));
t('null', net.isIP(null), net.isIPv4(null), net.isIPv6(null));
