// test-net-server-listen-options-signal: listen({ signal }) closes the server when the signal aborts, and at once when it was
// already aborted. (Node's non-AbortSignal value cannot be written in C#, where Signal is a CancellationToken.)
const { net, t } = require('./_harness');
const a = net.createServer();
const ac = new AbortController();
a.on('close', () => t('aborted: close', a.listening));
a.listen({ port: 0, host: '127.0.0.1', signal: ac.signal });
ac.abort();
const b = net.createServer();
b.on('close', () => t('pre-aborted: close', b.listening));
b.listen({ port: 0, host: '127.0.0.1', signal: AbortSignal.abort() });
b.on('listening', () => t('pre-aborted: listening'));
