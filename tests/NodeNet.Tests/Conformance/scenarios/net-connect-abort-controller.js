// test-net-connect-abort-controller: a signal given to net.connect() or new net.Socket() destroys the socket with an AbortError
// when aborted right after connect(), before it, or an immediate later; each socket's 'close' follows that 'error'.
// (Node's listenerCount(signal, 'abort') has no CancellationToken counterpart. A pre-aborted connect() is then connected
// anyway by Node, not by NodeNet, see docs/differences-from-node.md: the server side is not traced.)
const { net, t, port } = require('./_harness');
const live = new Set();
const s = net.createServer();
s.on('connection', c => { live.add(c); c.on('close', () => live.delete(c)); });
s.listen(0, () => {
  const p = port(s.address().port);
  const opts = signal => ({ port: p, host: 'localhost', signal });
  const watch = (name, c, next) => {
    c.on('error', e => t(name, 'error', e.name, e.code));
    c.once('close', () => { t(name, 'close'); next(); });
  };
  const cases = [
    ['postAbort', next => { const ac = new AbortController(); const c = net.connect(opts(ac.signal)); ac.abort(); watch('postAbort', c, next); }],
    ['preAbort', next => { const ac = new AbortController(); ac.abort(); watch('preAbort', net.connect(opts(ac.signal)), next); }],
    ['tickAbort', next => { const ac = new AbortController(); setImmediate(() => ac.abort()); watch('tickAbort', net.connect(opts(ac.signal)), next); }],
    ['constructor', next => { const ac = new AbortController(); ac.abort(); watch('constructor', new net.Socket(opts(ac.signal)), next); }],
    ['constructorPost', next => { const ac = new AbortController(); const c = new net.Socket(opts(ac.signal)); ac.abort(); watch('constructorPost', c, next); }],
    ['constructorPostTick', next => { const ac = new AbortController(); const c = new net.Socket(opts(ac.signal)); setImmediate(() => ac.abort()); watch('constructorPostTick', c, next); }],
  ];
  (function next(i) {
    if (i === cases.length) { for (const c of live) c.destroy(); s.close(() => t('server closed')); return; }
    cases[i][1](() => next(i + 1));
  })(0);
});
