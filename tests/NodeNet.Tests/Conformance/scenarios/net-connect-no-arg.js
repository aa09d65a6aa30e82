// test-net-connect-no-arg: connect() with no port, path or options, on net and on a new Socket, throws ERR_MISSING_ARGS.
const { net, tryDo } = require('./_harness');
tryDo('net.connect({})', () => net.connect({}));
tryDo('socket.connect({})', () => new net.Socket().connect({}));
