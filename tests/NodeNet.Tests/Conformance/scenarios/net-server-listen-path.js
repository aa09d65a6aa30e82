// test-net-server-listen-path: listen(path) and listen({ path }), with a 'listening' listener or a callback, all listen;
// readableAll + writableAll give others read and write bits; a second server on a path in use gets EADDRINUSE
// ('listen EADDRINUSE: address already in use ...').
const { net, t, tmp, fs } = require('./_harness');
let counter = 0;
const path = () => `${tmp}/listen-path-${counter++}`;
const forms = [
  ['listen(path) + listening', cb => net.createServer().listen(path()).on('listening', cb)],
  ['listen({path}) + listening', cb => net.createServer().listen({ path: path() }).on('listening', cb)],
  ['listen(path, cb)', cb => net.createServer().listen(path(), cb)],
  ['listen({path}, cb)', cb => net.createServer().listen({ path: path() }, cb)],
];
(function next(i) {
  if (i === forms.length) return modes();
  forms[i][1](function () { t(forms[i][0], this.listening, typeof this.address()); this.close(() => next(i + 1)); });
})(0);
function modes() {
  const p = path();
  const s = net.createServer().listen({ path: p, readableAll: true, writableAll: true }, () => {
    const mode = fs.statSync(p).mode;
    t('readableAll + writableAll', (mode & fs.constants.S_IROTH) !== 0, (mode & fs.constants.S_IWOTH) !== 0);
    s.close(inUse);
  });
}
function inUse() {
  const p = path();
  const s1 = net.createServer().listen({ path: p }, () => {
    const s2 = net.createServer().listen({ path: p, writableAll: true }, () => t('second listening'));
    s2.on('error', e => { s1.close(); t('second error', e.code, /^listen EADDRINUSE: address already in use/.test(e.message)); });
  });
}
