// test-net-server-call-listen-multiple-times: listen() again after an EADDRINUSE 'error' works; listen() on a server already
// listening throws ERR_SERVER_ALREADY_LISTEN; listen() again after close() works. (Node's no-host forms, as the Node test.)
const { net, t, port, tryDo } = require('./_harness');
function first(next) {
  const dummy = net.createServer(), s = net.createServer();
  dummy.listen(0, () => s.listen(port(dummy.address().port)));
  s.on('error', e => {
    t('error', e.code);
    s.listen(0, () => { t('listening after error', s.listening); dummy.close(); s.close(next); });
  });
}
function second(next) {
  const s = net.createServer();
  s.listen(0, () => { t('second listening'); s.close(next); });
  tryDo('listen() again', () => s.listen());
}
function third() {
  const s = net.createServer();
  s.listen(0, () => {
    s.close();
    s.listen(0, () => { t('listening again after close', s.listening); s.close(); });
  });
}
first(() => second(third));
