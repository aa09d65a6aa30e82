const { net, t, port, addr } = require('./_harness');
const steps = [
  ['listen()', s => s.listen()],
  ['listen(cb)', s => s.listen(() => t('cb'))],
  ['listen(0)', s => s.listen(0)],
  ['listen(0, host)', s => s.listen(0, '127.0.0.1')],
  ['listen(0, host, backlog, cb)', s => s.listen(0, '127.0.0.1', 7, () => t('cb'))],
  ['listen(0, backlog, cb)', s => s.listen(0, 9, () => t('cb'))],
  ["listen('0', cb)", s => s.listen('0', () => t('cb'))],
  ['listen({port:0, host})', s => s.listen({ port: 0, host: '127.0.0.1' })],
  ['listen({port:0, backlog})', s => s.listen({ port: 0, backlog: 3 })],
];
(function next(i) {
  if (i === steps.length) return;
  const [name, f] = steps[i];
  const s = net.createServer();
  s.on('listening', () => {
    const a = s.address(); port(a.port);
    t(name, 'listening', s.listening, addr(a));
    s.close(() => { t(name, 'closed', s.listening, s.address()); next(i + 1); });
  });
  const ret = f(s);
  t(name, 'returned this', ret === s, 'listening', s.listening);
})(0);
