// test-net-connect-econnrefused (sequential): 5 rounds of 50 connections to a closed port (autoSelectFamily: false) all fail
// with ECONNREFUSED, and no TCP handle is left afterwards (Node counts TCPWRAP resources, NodeNet the loop's live handles,
// each measured in a zero timer before and after the rounds).
const { net, t, listen } = require('./_harness');
const ROUNDS = 5, PER_ROUND = 50;
let rounds = 1, reqs = 0, errors = 0, other = 0;
const s = net.createServer();
const tcp = () => process.getActiveResourcesInfo().filter(x => x === 'TCPWRAP').length;
listen(s, p => s.close(() => setTimeout(() => {
  const baseline = tcp();
  (function pummel() {
    let pending;
    for (pending = 0; pending < PER_ROUND; pending++) {
      net.createConnection({ port: p, host: '127.0.0.1', autoSelectFamily: false }).on('error', e => {
        errors++;
        if ((Array.isArray(e.errors) ? e.errors[0] : e).code !== 'ECONNREFUSED') other++;
        if (--pending > 0) return;
        if (rounds === ROUNDS) return setTimeout(() => t('done', rounds, reqs, errors, other, tcp() - baseline), 0);
        rounds++;
        pummel();
      });
      reqs++;
    }
  })();
}, 0)));
