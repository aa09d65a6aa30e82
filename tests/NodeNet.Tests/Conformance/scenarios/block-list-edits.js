// net.BlockList's members since Node 24: size, clear, removing rules, many at once, CIDR notation, JSON, PRIVATE_RANGES.
const { net, t, tryDo } = require('./_harness');
const b = new net.BlockList();
b.addAddress('1.2.3.4');
b.addAddress('::ffff:1.2.3.4', 'ipv6'); // the same address: the newer rule replaces the older
b.addSubnet('10.1.2.3', 8);
b.addSubnet('10.1.2.3', 8); // subnets and ranges may repeat
b.addRange('1.1.1.1', '1.1.1.9');
t('added', b.size, b.rules);
b.removeSubnet('10.0.0.0', 8); // not the address it was made with
b.removeRange('1.1.1.1', '1.1.1.5');
b.removeAddress('9.9.9.9');
t('nothing removed', b.size);
b.removeSubnet('10.1.2.3', 8);
b.removeAddress('1.2.3.4');
b.removeRange('1.1.1.1', '1.1.1.9');
t('removed', b.size, b.rules, b.check('10.200.0.1'), b.check('1.2.3.4'));
tryDo('removeSubnet prefix 40', () => b.removeSubnet('1.2.3.0', 40));
tryDo('removeAddress not an address', () => b.removeAddress('x'));
for (const c of ['172.16.0.0/12', '2001:db8::/32', '10.0.0.0', '10.0.0.0/08', '10.0.0.0/+8', '10.0.0.0/-1', '10.0.0.0/33', 'x/8', '/8', '::ffff:1.2.3.4/100'])
  tryDo('addCIDR ' + c, () => b.addCIDR(c));
t('cidrs', b.rules, b.check('172.31.255.255'), b.check('2001:db8:ffff::1', 'ipv6'));
b.removeCIDR('172.16.0.0/12');
t('removeCIDR', b.check('172.31.255.255'));
b.clear();
t('clear', b.size, b.rules);
tryDo('addCIDRs with a bad one', () => b.addCIDRs(['10.0.0.0/8', 'bad', '11.0.0.0/8']));
t('none added', b.size);
tryDo('addAddresses with a bad one', () => b.addAddresses(['1.1.1.1', 'nope', '2.2.2.2']));
t('none added', b.size);
tryDo('addAddresses ipv5', () => b.addAddresses(['1.1.1.1'], 'ipv5'));
tryDo('addAddresses v6', () => b.addAddresses(['::1', '::2', '2001:DB8::1'], 'ipv6'));
b.addAddresses([new net.SocketAddress({ address: '3.3.3.3' }), new net.SocketAddress({ address: '4.4.4.4' })]);
b.addCIDRs(net.BlockList.PRIVATE_RANGES);
t('bulk', b.size, b.toJSON(), JSON.stringify(b) === JSON.stringify(b.rules));
t('private ranges', net.BlockList.PRIVATE_RANGES, b.check('192.168.1.1'), b.check('fd00::1', 'ipv6'), b.check('8.8.8.8'));
const c = new net.BlockList();
c.fromJSON(JSON.stringify(b.toJSON()));
t('round trip', c.size === b.size, JSON.stringify(c.rules) === JSON.stringify(b.rules));
const d = new net.BlockList();
d.fromJSON(['junk', 'Address: IPv4 7.7.7.7 and more', 'Subnet: IPv4 10.0.0.0', 'Range: IPv6 ::1-::9', 'Address: IPv6 ::ffff:1.2.3.4', 'Subnet: IPv6 fe80::/10']);
t('fromJSON', d.rules);
tryDo('fromJSON invalid address', () => d.fromJSON(['Address: IPv4 8.8.8.8', 'Address: IPv4 999.1.1.1']));
tryDo('fromJSON backwards range', () => d.fromJSON(['Range: IPv4 1.1.1.9-1.1.1.1']));
tryDo('fromJSON object', () => d.fromJSON('{"a":1}'));
tryDo('fromJSON numbers', () => d.fromJSON('[1]'));
t('after', d.size);
