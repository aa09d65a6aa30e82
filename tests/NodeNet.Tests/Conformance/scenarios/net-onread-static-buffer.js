// test-net-onread-static-buffer: onread with one fixed buffer, with a buffer factory (asked once per read, EOF included: 7 times
// for 11 bytes in 2-byte buffers), with pause() inside the callback and with the callback returning false: all bytes arrive in the
// caller's buffers, never as 'data', and 'end' still comes.
const { net, t, listen } = require('./_harness');
const message = Buffer.from('hello world');
function serve(cb) { const s = net.createServer(sock => { s.close(); sock.end(message); }); listen(s, cb); }
const cases = [
  ['static', p => {
    const sockBuf = Buffer.alloc(8); let same = true; const got = [];
    return { c: net.connect({ port: p, host: '127.0.0.1', onread: { buffer: sockBuf, callback(n, b) { if (b !== sockBuf) same = false; got.push(Buffer.from(b.slice(0, n))); } } }),
      done: () => ['static', Buffer.concat(got).toString(), same] };
  }],
  ['factory', p => {
    const pool = [Buffer.alloc(2), Buffer.alloc(2), Buffer.alloc(2)]; let idx = -1, usage = 0, same = true; const got = [];
    return { c: net.connect({ port: p, host: '127.0.0.1', onread: {
      buffer: () => { usage++; idx = (idx + 1) % pool.length; return pool[idx]; },
      callback(n, b) { if (b !== pool[idx]) same = false; got.push(Buffer.from(b.slice(0, n))); } } }),
      done: () => ['factory', Buffer.concat(got).toString(), same, usage] };
  }],
  ['pause', p => {
    const sockBuf = Buffer.alloc(8); let paused = false, whilePaused = 0; const got = [];
    const c = net.connect({ port: p, host: '127.0.0.1', onread: { buffer: sockBuf, callback(n, b) {
      if (paused) whilePaused++;
      got.push(Buffer.from(b.slice(0, n)));
      paused = true; t('pause returns this', c.pause() === c);
      setTimeout(() => { paused = false; c.resume(); }, 100);
    } } });
    return { c, done: () => ['pause', Buffer.concat(got).toString(), whilePaused] };
  }],
  ['return false', p => {
    const sockBuf = Buffer.alloc(8); let paused = false, whilePaused = 0; const got = [];
    const c = net.connect({ port: p, host: '127.0.0.1', onread: { buffer: sockBuf, callback(n, b) {
      if (paused) whilePaused++;
      got.push(Buffer.from(b.slice(0, n)));
      paused = true;
      setTimeout(() => { paused = false; c.resume(); }, 100);
      return false;
    } } });
    return { c, done: () => ['return false', Buffer.concat(got).toString(), whilePaused] };
  }],
];
(function next(i) {
  if (i === cases.length) return;
  serve(p => {
    const { c, done } = cases[i][1](p);
    c.on('data', () => t(cases[i][0], 'data event'));
    c.on('end', () => t('end', ...done()));
    c.on('close', () => next(i + 1));
  });
})(0);
