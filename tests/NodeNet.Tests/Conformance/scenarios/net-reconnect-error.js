// test-net-reconnect-error (sequential): a refused Socket reconnected 20 times from 'close': 21 'error's (ECONNREFUSED) and
// 21 'close's, never 'connect'.
const { net, t, listen } = require('./_harness');
const N = 20;
let disconnects = 0, errors = 0;
const s = net.createServer();
listen(s, p => s.close(() => {
  const c = net.createConnection(p, '127.0.0.1');
  c.on('connect', () => t('connect'));
  c.on('error', e => { errors++; if ((Array.isArray(e.errors) ? e.errors[0] : e).code !== 'ECONNREFUSED') t('error', e.code); });
  c.on('close', h => {
    if (disconnects++ < N) c.connect(p, '127.0.0.1');
    else t('done', errors, disconnects, h);
  });
}));
