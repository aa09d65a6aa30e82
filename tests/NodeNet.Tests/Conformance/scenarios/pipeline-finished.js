// stream.pipeline over sockets (success, and one destroyed midway) and stream.finished (done, premature close).
const { net, t, listen, err } = require('./_harness');
const { pipeline, finished } = require('stream');
const conns = [];
const s = net.createServer(c => { conns.push(c); if (conns.length === 2) step1(); });
let a, b;
listen(s, p => {
  a = net.connect(p, '127.0.0.1');
  b = net.connect(p, '127.0.0.1');
});
function step1() {
  const [sa, sb] = conns;
  // sa reads what a writes; piped through to sb, so b reads it.
  let got = '';
  b.setEncoding('utf8');
  b.on('data', d => { got += d; });
  b.on('end', () => { t('b got', got); b.end(); });
  const r = pipeline(sa, sb, e => {
    t('pipeline done', err(e), sa.destroyed, sb.destroyed);
    finished(sb, e2 => t('finished after done', err(e2)));
    step2();
  });
  t('pipeline returns last', r === sb);
  finished(sa, { writable: false }, e => t('finished sa readable', err(e)));
  a.end('through the pipeline');
}
function step2() {
  conns.length = 0;
  const p = s.address().port;
  s.removeAllListeners('connection');
  s.on('connection', c => { conns.push(c); if (conns.length === 2) step3(); });
  a = net.connect(p, '127.0.0.1');
  b = net.connect(p, '127.0.0.1');
  a.on('error', () => {}); b.on('error', () => {});
}
function step3() {
  const [sa, sb] = conns;
  pipeline(sa, sb, e => {
    t('pipeline error', err(e), sa.destroyed, sb.destroyed);
    const x = new net.Socket();
    finished(x, e2 => { t('finished on destroyed', err(e2)); s.close(); a.destroy(); b.destroy(); });
    x.destroy();
  });
  sa.on('data', () => sb.destroy(Object.assign(new Error('boom'), { code: 'EBOOM' })));
  a.write('x');
}
