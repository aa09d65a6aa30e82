// SocketAddress.parse, toJSON, isSocketAddress (Node 23.4) and BlockList.isBlockList: what parses, what gives undefined.
const { net, t } = require('./_harness');
const show = a => a === undefined ? 'undefined' : [a.address, a.family, a.port, a.flowlabel];
for (const input of ['1.2.3.4:1234', '1.2.3.4', '[::1]:8124', '::1', '[::1]', 'localhost:80', '1.2.3.4:70000',
  '1.2.3.4:-1', '[::ffff:1.2.3.4]:1', '', 'nope', '1.2.3.4:', '1.2.3.4:0x10', '[fe80::1%25eth0]:5',
  '0x7f.1:80', '2130706433', '1.2.3.4:080', 'a@1.2.3.4:5/path', ' 1.2.3.4 ', '1.2.3.256', '[::1]x', '1.2.3', '01.02.03.010', '1.2.3.4.', '[::1]:65536', '[0:0::1]:7'])
  t('parse', input, show(net.SocketAddress.parse(input)));
const j = net.SocketAddress.parse('[::1]:8').toJSON();
t('toJSON', j.address, j.port, j.family, j.flowlabel, new net.SocketAddress(j).port);
t('isSocketAddress', net.SocketAddress.isSocketAddress(net.SocketAddress.parse('1.2.3.4')), net.SocketAddress.isSocketAddress({}));
t('isBlockList', net.BlockList.isBlockList(new net.BlockList()), net.BlockList.isBlockList({}), net.BlockList.isBlockList(null));
