// connect({ lookup, hints }): a custom resolver in both forms, what it is asked, and Node's errors for bad answers.
const { net, t, tryDo, listen, err } = require('./_harness');
const s = net.createServer(sock => sock.end());
listen(s, p => {
  const lookup = (host, opts, cb) => {
    t('asked', host, opts.family ?? 0, opts.hints, !!opts.all);
    if (opts.all) cb(null, [{ address: '127.0.0.2', family: 4 }, { address: '127.0.0.1', family: 4 }]);
    else cb(null, '127.0.0.1', 4);
  };
  const c = net.connect({ port: p, host: 'example.test', lookup, autoSelectFamilyAttemptTimeout: 2000 }); // the refusal, not the timer, ends the first attempt (qemu is slow)
  c.on('connectionAttemptFailed', (a, port, f, e) => t('attempt failed', a, e.code));
  c.once('connect', () => { t('connected', c.remoteAddress, c.autoSelectFamilyAttemptedAddresses); c.destroy(); });
  c.once('close', () => {
    // Reconnecting to an IP literal keeps the last multi-address attempt's list, as Node 20 does.
    c.connect({ port: p, host: '127.0.0.1' }, () => { t('reconnected', c.autoSelectFamilyAttemptedAddresses); c.destroy(); });
    c.once('close', () => single(p));
  });
});
function single(p) {
  const lookup = (host, opts, cb) => { t('asked', host, opts.family ?? 0, opts.hints, !!opts.all); cb(null, '127.0.0.1', 4); };
  const c = net.connect({ port: p, host: 'single.test', family: 4, hints: 0, lookup });
  c.on('lookup', (e, a, f, h) => t('lookup event', err(e), a, f, h));
  c.on('connect', () => { t('single connected'); c.destroy(); });
  c.on('close', () => bad(p));
}
function bad(p) {
  let pending = 3;
  const done = () => { if (--pending === 0) hints(p); };
  const family = net.connect({ port: p, host: 'family.test', autoSelectFamily: false, lookup: (h, o, cb) => cb(null, '127.0.0.1', 5) });
  family.on('error', e => t('bad family', err(e)));
  family.on('close', done);
  const notIp = net.connect({ port: p, host: 'notip.test', autoSelectFamily: false, lookup: (h, o, cb) => cb(null, 'not-an-ip', 4) });
  notIp.on('error', e => t('not an ip', err(e)));
  notIp.on('close', done);
  const failed = net.connect({ port: p, host: 'fails.test', lookup: (h, o, cb) => setTimeout(() => cb(Object.assign(new Error('no such host'), { code: 'ENOTFOUND' })), 5) });
  failed.on('lookup', e => t('failed lookup event', e.code));
  failed.on('error', e => t('lookup failed', e.code, e.message));
  failed.on('close', done);
}
function hints(p) {
  tryDo('bad hints', () => net.connect({ port: p, host: 'example.test', hints: 1234567 }));
  s.close();
}
