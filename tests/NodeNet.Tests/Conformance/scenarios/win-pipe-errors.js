// Windows named pipes: connecting to a missing pipe (ENOENT, address set) and a second server on a name in use.
const { net, t, err } = require('./_harness');
const name = '\\\\.\\pipe\\nodenet-conformance-errors';
const c = net.connect(name + '-missing');
c.on('error', e => {
  t('connect error', err(e));
  const s = net.createServer();
  s.listen(name, () => {
    const second = net.createServer();
    second.on('error', e2 => { t('second listen', err(e2)); s.close(() => t('closed')); });
    second.listen(name, () => { t('second listen', 'listening'); second.close(() => s.close(() => t('closed'))); });
  });
});
