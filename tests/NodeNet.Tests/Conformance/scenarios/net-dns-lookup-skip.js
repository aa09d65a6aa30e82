// test-net-dns-lookup-skip: connecting to an IP literal (127.0.0.1, then ::1) emits no 'lookup'.
const { net, t, port } = require('./_harness');
function check(address, next) {
  const s = net.createServer(client => { client.end(); s.close(next); });
  s.listen(0, address, () => {
    const c = net.connect(port(s.address().port), address);
    c.on('lookup', () => t(address, 'lookup'));
    c.on('connect', () => t(address, 'connect'));
    c.resume();
  });
}
check('127.0.0.1', () => check('::1', () => {}));
