// test-net-server-listen-options: listen() with no arguments, a callback, port 0, { port: 0 } and '0' all listen; ports
// -1 and 65536 throw ERR_SOCKET_BAD_PORT in both forms, and { port: -1, path } too (port wins over path); options without port or
// path, { fd: -1 } among them, throw ERR_INVALID_ARG_VALUE ("must have the property"). (NaN, 123.456, Infinity, true, false,
// a string or null port in the options and non-string paths cannot be written in C#; Node's listen(undefined) is listen() here.)
const { net, t, tryDo, tmp } = require('./_harness');
const forms = [];
const listens = (label, f) => forms.push([label, f]);
listens('listen()', cb => net.createServer().listen().on('listening', cb));
listens('listen(cb)', cb => net.createServer().listen(cb));
listens('listen(0)', cb => net.createServer().listen(0).on('listening', cb));
listens('listen({port: 0})', cb => net.createServer().listen({ port: 0 }).on('listening', cb));
listens("listen('0', cb)", cb => net.createServer().listen('0', cb));
listens('listen({port: 0}, cb)', cb => net.createServer().listen({ port: 0 }, cb));
listens('listen(0, cb)', cb => net.createServer().listen(0, cb));
(function next(i) {
  if (i === forms.length) return bad();
  forms[i][1](function () { t(forms[i][0], this.listening, this.address().family); this.close(() => next(i + 1)); });
})(0);
function bad() {
  for (const port of [-1, 65536]) {
    tryDo(`listen({port: ${port}})`, () => net.createServer().listen({ port }, () => t('listening')));
    tryDo(`listen(${port})`, () => net.createServer().listen(port, () => t('listening')));
  }
  tryDo('listen({port: -1, path})', () => net.createServer().listen({ port: -1, path: tmp + '/x.sock' }, () => t('listening')));
  tryDo('listen({fd: -1})', () => net.createServer().listen({ fd: -1 }, () => t('listening')));
  tryDo('listen({})', () => net.createServer().listen({}, () => t('listening')));
  tryDo("listen({host: 'localhost'})", () => net.createServer().listen({ host: 'localhost' }, () => t('listening')));
  tryDo("listen({host: 'localhost:3000'})", () => net.createServer().listen({ host: 'localhost:3000' }, () => t('listening')));
  tryDo('listen({exclusive: true})', () => net.createServer().listen({ exclusive: true }, () => t('listening')));
}
