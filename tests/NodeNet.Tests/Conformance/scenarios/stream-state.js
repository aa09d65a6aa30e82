// The stream state a socket reports as it lives and dies: errored, closed, destroyed, readableEnded,
// readableAborted, writableFinished, readableDidRead, and end(cb)'s errors. (Node's Duplex has no writableAborted.)
const { net, t, listen, err } = require('./_harness');
const state = (label, x) => t(label, err(x.errored), x.closed, x.destroyed, x.readableEnded, x.readableAborted,
  x.writableFinished, x.readableDidRead);
const fresh = new net.Socket();
state('fresh', fresh);
fresh.destroy();
state('destroyed fresh', fresh);
fresh.end(e => t('end cb after destroy (never)', err(e)));
const s = net.createServer(c => { c.resume(); c.on('end', () => c.end()); });
listen(s, p => {
  const c = net.connect(p, '127.0.0.1', () => {
    state('connected', c);
    c.end('x', e => {
      t('end cb', err(e));
      c.end(e2 => t('second end cb', err(e2)));
    });
  });
  c.resume();
  c.on('data', () => {});
  c.on('end', () => state('at end', c));
  c.on('close', () => {
    state('closed', c);
    const d = net.connect(p, '127.0.0.1');
    d.on('connect', () => {
      d.destroy(Object.assign(new Error('boom'), { code: 'EBOOM' }));
      state('destroyed with error', d);
    });
    d.on('error', e => t('d error', err(e)));
    d.on('close', () => {
      state('d closed', d);
      const r = net.connect(1, '127.0.0.1');
      r.on('error', e => t('refused error', e.code));
      r.write('w', e => t('refused write cb', err(e)));
      r.end(e => t('refused end cb', err(e)));
      r.on('close', () => { state('refused closed', r); s.close(); });
    });
  });
});
