// net.BoundSocket with a path (Node 26.7): the path is taken at construction and removed by close().
const { net, t, addr, tryDo, tmp, fs } = require('./_harness');
const path = tmp + '/bound.sock';
const bound = new net.BoundSocket({ path });
t('bound', addr(bound.address()) === path, bound.isPipe, fs.existsSync(path));
tryDo('taken', () => new net.BoundSocket({ path }));
const other = net.createServer();
other.on('error', e => {
  t('server on the path', e.code);
  bound.close();
  t('after close', fs.existsSync(path));
  tryDo('close again', () => bound.close());
  const again = new net.BoundSocket({ path });
  const server = net.createServer(c => c.end('hello from the bound pipe'));
  server.listen(again, () => {
    t('listening', server.address() === path);
    const client = net.connect(path);
    client.on('data', d => t('data', d.toString()));
    client.on('close', () => server.close(() => t('server closed', fs.existsSync(path))));
  });
});
other.listen(path);
