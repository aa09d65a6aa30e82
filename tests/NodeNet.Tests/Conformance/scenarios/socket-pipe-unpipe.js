// pipe between two sockets on one loop: 'pipe'/'unpipe', unpipe(dest), unpipe() of all, end: false, and the
// destination closing first.
const { net, t, listen } = require('./_harness');
let conns = [];
const s = net.createServer(c => {
  conns.push(c);
  c.setEncoding('utf8');
  let got = '';
  c.on('data', d => { got += d; });
  c.on('end', () => { t('server end', conns.indexOf(c), got); c.end(); });
  c.on('close', () => { if (conns.every(x => x.destroyed)) s.close(); });
});
listen(s, p => {
  const a = net.connect(p, '127.0.0.1');   // the source: the server will echo into it? no: we write into a's peer
  const b = net.connect(p, '127.0.0.1');
  const d = net.connect(p, '127.0.0.1');
  let ready = 0;
  for (const x of [a, b, d]) x.on('connect', () => { if (++ready === 3) go(); });
  function go() {
    const src = conns[0];        // the server's end of a: what a writes, src reads
    b.on('pipe', from => t('b pipe', from === src));
    b.on('unpipe', from => t('b unpipe', from === src, src.readableFlowing));
    d.on('pipe', from => t('d pipe', from === src));
    d.on('unpipe', from => t('d unpipe', from === src));
    src.removeAllListeners('data');
    src.removeAllListeners('end');
    t('pipe returns dest', src.pipe(b) === b, src.readableFlowing);
    src.pipe(d, { end: false });
    a.write('one');
    src.once('data', () => {
      setImmediate(() => {
        t('unpipe b returns source', src.unpipe(b) === src, src.readableFlowing);
        t('unpipe unknown', src.unpipe(a) === src);
        src.unpipe();
        t('after unpipe all', src.readableFlowing, src.isPaused());
        src.pipe(b);
        a.end('two');
        src.on('end', () => t('src end'));
        b.on('finish', () => t('b finish (ended by the pipe)'));
        d.on('finish', () => t('d finish'));
        setTimeout(() => { t('d still writable', d.writable); d.end(); a.destroy(); }, 50);
      });
    });
  }
});
