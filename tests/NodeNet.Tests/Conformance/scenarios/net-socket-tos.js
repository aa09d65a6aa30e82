// test-net-socket-tos: setTypeOfService before connect is kept and applied; on the connected socket it is range-checked
// (256, -1: ERR_OUT_OF_RANGE) and getTypeOfService reads back the DSCP bits of 0x10, 0, 0xFF, 0x3F.
// (Node's 'invalid' and NaN cannot be passed to C#'s int parameter.)
const { net, t, tryDo, listen } = require('./_harness');
const s = net.createServer(sock => sock.end());
listen(s, p => {
  const c = new net.Socket();
  t('set before connect returns socket', c.setTypeOfService(0x10) === c);
  c.connect(p, '127.0.0.1');
  c.on('connect', () => {
    for (const v of [256, -1]) tryDo(`setTypeOfService(${v})`, () => c.setTypeOfService(v));
    t('kept from before connect', c.getTypeOfService() & 0xFC);
    for (const v of [0x10, 0x00, 0xFF, 0x3F]) { c.setTypeOfService(v); t('set', v, c.getTypeOfService() & 0xFC); }
    c.end();
  });
  c.on('end', () => s.close());
  c.resume();
});
