const { net, t, tmp, mode } = require('./_harness');
const cases = [['default', {}], ['readableAll', { readableAll: true }], ['writableAll', { writableAll: true }], ['both', { readableAll: true, writableAll: true }]];
process.umask(0o022);
(function next(i) {
  if (i === cases.length) return;
  const [name, opts] = cases[i];
  const path = tmp + '/' + name + '.sock';
  const s = net.createServer();
  s.listen({ path, ...opts }, () => { t(name, mode(path)); s.close(() => next(i + 1)); });
})(0);
