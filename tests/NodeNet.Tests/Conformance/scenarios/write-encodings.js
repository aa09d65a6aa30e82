// Every encoding write() takes, setDefaultEncoding, and the errors for unknown ones.
const { net, t, listen, tryDo } = require('./_harness');
const s = net.createServer(c => {
  const parts = [];
  c.on('data', d => parts.push(d));
  c.on('end', () => { t('server got', Buffer.concat(parts).toString('hex')); c.end(); });
  c.on('close', () => s.close());
});
listen(s, p => {
  const c = net.connect(p, '127.0.0.1', () => {
    c.write('h\u00e9\u20ac', 'utf8');
    c.write('h\u00e9', 'utf-8');
    c.write('h\u00e9\u20ac', 'utf16le');
    c.write('ab', 'ucs2');
    c.write('h\u00e9\u0100', 'latin1');
    c.write('xy', 'binary');
    c.write('h\u00e9', 'ascii');
    c.write('aGk+Pz8=', 'base64');
    c.write('Pz8-Pg', 'base64url');
    c.write('00ff7G', 'hex');
    t('setDefaultEncoding returns', c.setDefaultEncoding('hex') === c);
    c.write('cafe');
    c.setDefaultEncoding('UTF8');
    c.write('ok');
    tryDo('setDefaultEncoding(nope)', () => c.setDefaultEncoding('nope'));
    tryDo('write(x, nope)', () => c.write('x', 'nope'));
    c.end('!', 'ascii');
  });
  c.resume();
  c.on('close', () => t('client close'));
});
