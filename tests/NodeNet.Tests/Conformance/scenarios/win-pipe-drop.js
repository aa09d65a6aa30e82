// Windows named pipes and maxConnections: the extra client is accepted, closed, and 'drop' has no argument.
const { net, t } = require('./_harness');
const name = '\\\\.\\pipe\\nodenet-conformance-drop';
let first;
const s = net.createServer(sock => { t('connection'); sock.resume(); first = sock; });
s.maxConnections = 1;
s.on('drop', (...a) => t('drop', a.length));
s.listen(name, () => {
  const a = net.connect(name, () => {
    const b = net.connect(name, () => t('b connect'));
    b.resume();
    b.on('end', () => t('b end'));
    b.on('close', h => { t('b close', h); a.end(); });
  });
  a.resume();
  a.on('close', () => s.close(() => t('closed')));
});
