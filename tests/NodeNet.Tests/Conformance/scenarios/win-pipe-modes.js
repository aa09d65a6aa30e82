// Windows named pipes with readableAll/writableAll (uv_pipe_chmod sets the pipe's DACL), then a client.
const { net, t, err } = require('./_harness');
const name = '\\\\.\\pipe\\nodenet-conformance-modes';
const s = net.createServer(sock => sock.end('ok'));
s.on('error', e => t('error', err(e)));
s.listen({ path: name, readableAll: true, writableAll: true }, () => {
  t('listening', s.address());
  const c = net.connect(name);
  c.setEncoding('utf8');
  c.on('data', d => t('data', d));
  c.on('close', () => s.close(() => t('closed')));
});
