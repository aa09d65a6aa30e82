// Adopted from shared/tools/netload.c (the project's provided load generator). One extension: --sources N binds
// client sockets to 127.0.0.1..N in turn, since connection churn otherwise exhausts one address's ephemeral ports
// (TIME_WAIT) and measures the client instead of the server.
// netload: a small epoll load generator for echo servers (TCP or Unix socket).
// Modes:
//   pingpong: each connection sends SIZE bytes, waits for SIZE echoed bytes, repeats.
//   stream:   each connection writes continuously and reads back; reports echoed bytes/s.
//   connrate: connect, send SIZE bytes, read SIZE back, close; repeat. Reports conns/s.
// Output: one line of key=value pairs, e.g. "mode=pingpong conns=50 ops=123456 ops_s=... mb_s=... p50_us=... p99_us=... errors=0"
// --verify (pingpong, connrate): each connection sends its own byte pattern and checks every echoed byte; the line then
// also reports mismatches=N and min_conn_ops=N (the fewest round trips any one connection completed), for soak tests.
// --rate R (pingpong): open loop. Messages are due at R per second across the connections, each connection on its own
// fixed schedule; a message's latency counts from when it was due, not from when it could be sent, so a stalled
// server is not hidden (no coordinated omission). The line adds p999_us and the rate achieved.
// --mode idle: open --conns connections, print "connected N" once all are up, then wait for a line on stdin; each
// connection then sends SIZE bytes once and waits for the echo. Reports echo_ms (the time until every echo arrived),
// then waits for stdin to close before closing the connections. For per-connection memory: the caller measures the
// server between the two.
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

enum { PINGPONG, STREAM, CONNRATE, IDLE };
typedef struct {
  int fd;
  size_t sent, recvd;      // within current message (pingpong/connrate)
  uint64_t t0;             // message start (ns)
  uint64_t total_sent, total_recvd;
  int connected;
  int index;
  uint64_t ops;
  uint64_t due;            // --rate: when the next message is due (ns); 0 while one is in flight
} conn_t;

static int mode = PINGPONG, nconns = 50, duration = 5;
static size_t size = 64;
static char *host = "127.0.0.1", *upath = NULL;
static int port = 8124;
static int nsources = 1, next_source, verify;
static uint64_t mismatches;
static char *buf, *rbuf;
static int ep;
static uint64_t ops, errors, bytes;
static uint32_t *lat; static size_t nlat, caplat;
static double rate;          // --rate: messages per second across all connections (0: closed loop)
static uint64_t interval_ns; // --rate: each connection's period

static uint64_t now_ns(void) { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec * 1000000000ull + t.tv_nsec; }

static int open_conn(void) {
  int fd;
  if (upath) {
    fd = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0);
    struct sockaddr_un a = {.sun_family = AF_UNIX};
    strncpy(a.sun_path, upath, sizeof a.sun_path - 1);
    if (connect(fd, (struct sockaddr *)&a, sizeof a) < 0 && errno != EINPROGRESS && errno != EAGAIN) { close(fd); return -1; }
  } else {
    int v6 = strchr(host, ':') != NULL;
    fd = socket(v6 ? AF_INET6 : AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    int one = 1; setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    if (!v6 && nsources > 1) {
      struct sockaddr_in src = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(0x7f000001 + (next_source++ % nsources))};
      if (bind(fd, (struct sockaddr *)&src, sizeof src) < 0) { close(fd); return -1; }
    }
    int r;
    if (v6) { struct sockaddr_in6 a = {.sin6_family = AF_INET6, .sin6_port = htons(port)}; inet_pton(AF_INET6, host, &a.sin6_addr); r = connect(fd, (struct sockaddr *)&a, sizeof a); }
    else { struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons(port)}; inet_pton(AF_INET, host, &a.sin_addr); r = connect(fd, (struct sockaddr *)&a, sizeof a); }
    if (r < 0 && errno != EINPROGRESS) { close(fd); return -1; }
  }
  return fd;
}

static unsigned char pattern(int index, size_t j) { return (unsigned char)(index * 31 + j * 7 + 1); }

static void fill(conn_t *c) { if (verify) for (size_t j = 0; j < size; j++) buf[j] = pattern(c->index, j); }

static void check(conn_t *c, const char *got, size_t n) {
  if (!verify) return;
  for (size_t j = 0; j < n; j++) if ((unsigned char)got[j] != pattern(c->index, c->recvd + j)) { mismatches++; return; }
}

static void arm(conn_t *c, uint32_t ev, int op) { struct epoll_event e = {.events = ev, .data.ptr = c}; epoll_ctl(ep, op, c->fd, &e); }

static void start(conn_t *c) {
  c->fd = open_conn(); c->sent = c->recvd = 0; c->connected = 0; c->t0 = now_ns();
  if (mode == IDLE) { c->sent = size; } // nothing to send until told
  if (c->fd < 0) { errors++; return; }
  arm(c, EPOLLIN | EPOLLOUT, EPOLL_CTL_ADD);
}

static void record(uint64_t ns) {
  if (nlat == caplat) { caplat = caplat ? caplat * 2 : 1 << 16; lat = realloc(lat, caplat * sizeof *lat); }
  lat[nlat++] = (uint32_t)(ns / 1000 > UINT32_MAX ? UINT32_MAX : ns / 1000);
}

static int cmpu(const void *a, const void *b) { uint32_t x = *(uint32_t *)a, y = *(uint32_t *)b; return x < y ? -1 : x > y; }

static void on_event(conn_t *c, uint32_t ev, int stopping) {
  if (ev & (EPOLLERR | EPOLLHUP) && !(ev & EPOLLIN)) { errors++; close(c->fd); if (mode == CONNRATE && !stopping) start(c); else c->fd = -1; return; }
  if (mode == STREAM) {
    if (ev & EPOLLOUT) { ssize_t n = write(c->fd, buf, size); if (n > 0) c->total_sent += n; }
    if (ev & EPOLLIN) { for (;;) { ssize_t n = read(c->fd, rbuf, 1 << 16); if (n > 0) { bytes += n; continue; } if (n == 0) { errors++; close(c->fd); c->fd = -1; } break; } }
    return;
  }
  if (mode == IDLE && (ev & EPOLLOUT) && !c->connected) { c->connected = 1; arm(c, EPOLLIN, EPOLL_CTL_MOD); return; }
  if (rate > 0 && (ev & EPOLLOUT) && !c->connected) { c->connected = 1; arm(c, EPOLLIN, EPOLL_CTL_MOD); return; }
  if ((ev & EPOLLOUT) && c->sent < size) {
    fill(c);
    ssize_t n = write(c->fd, buf + c->sent, size - c->sent);
    if (n > 0) c->sent += n; else if (n < 0 && errno != EAGAIN) { errors++; close(c->fd); c->fd = -1; return; }
    if (c->sent == size) arm(c, EPOLLIN, EPOLL_CTL_MOD);
  }
  if (ev & EPOLLIN) {
    for (;;) {
      ssize_t n = read(c->fd, rbuf, size - c->recvd > (1 << 16) ? (1 << 16) : size - c->recvd);
      if (n > 0) { check(c, rbuf, n); c->recvd += n; bytes += n; if (c->recvd < size) continue; }
      else if (n == 0) { errors++; close(c->fd); c->fd = -1; if (mode == CONNRATE && !stopping) start(c); return; }
      else if (errno != EAGAIN) { errors++; close(c->fd); c->fd = -1; return; }
      break;
    }
    if (c->recvd == size) {
      uint64_t t = now_ns(); ops++; c->ops++; record(t - c->t0);
      if (mode == CONNRATE) { close(c->fd); if (!stopping) start(c); else c->fd = -1; return; }
      c->sent = c->recvd = 0; c->t0 = t;
      if (stopping) return;
      if (rate > 0) { c->due += interval_ns; arm(c, EPOLLIN, EPOLL_CTL_MOD); return; } // sent by the scheduler when due
      fill(c);
      ssize_t w = write(c->fd, buf, size);
      if (w > 0) c->sent = w;
      if (c->sent < size) arm(c, EPOLLOUT | EPOLLIN, EPOLL_CTL_MOD);
    }
  }
}

/* --rate: sends the message due on c, timing it from when it was due. */
static void send_due(conn_t *c) {
  c->t0 = c->due; c->sent = 0; c->recvd = 0;
  fill(c);
  ssize_t w = write(c->fd, buf, size);
  if (w > 0) c->sent = w;
  arm(c, c->sent < size ? EPOLLOUT | EPOLLIN : EPOLLIN, EPOLL_CTL_MOD);
}

/* --mode idle: every connection is up. */
static int all_connected(conn_t *cs) {
  for (int i = 0; i < nconns; i++) if (cs[i].fd >= 0 && !cs[i].connected) return 0;
  return 1;
}

int main(int argc, char **argv) {
  for (int i = 1; i < argc; i++) {
    char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
    if (!strcmp(a, "--mode") && v) { mode = !strcmp(v, "stream") ? STREAM : !strcmp(v, "connrate") ? CONNRATE : !strcmp(v, "idle") ? IDLE : PINGPONG; i++; }
    else if (!strcmp(a, "--rate") && v) { rate = atof(v); i++; }
    else if (!strcmp(a, "--conns") && v) { nconns = atoi(v); i++; }
    else if (!strcmp(a, "--size") && v) { size = strtoul(v, 0, 10); i++; }
    else if (!strcmp(a, "--duration") && v) { duration = atoi(v); i++; }
    else if (!strcmp(a, "--host") && v) { host = v; i++; }
    else if (!strcmp(a, "--port") && v) { port = atoi(v); i++; }
    else if (!strcmp(a, "--unix") && v) { upath = v; i++; }
    else if (!strcmp(a, "--sources") && v) { nsources = atoi(v); i++; }
    else if (!strcmp(a, "--verify")) verify = 1;
    else { fprintf(stderr, "usage: netload [--mode pingpong|stream|connrate|idle] [--rate R] [--conns N] [--size BYTES] [--duration S] [--host H --port P [--sources N] | --unix PATH] [--verify]\n"); return 2; }
  }
  buf = malloc(size); rbuf = malloc(1 << 16); memset(buf, 'x', size);
  ep = epoll_create1(0);
  conn_t *cs = calloc(nconns, sizeof *cs);
  for (int i = 0; i < nconns; i++) { cs[i].index = i; start(&cs[i]); }
  struct epoll_event evs[512];
  if (mode == IDLE) {
    while (!all_connected(cs)) {
      int n = epoll_wait(ep, evs, 512, 100);
      for (int i = 0; i < n; i++) on_event(evs[i].data.ptr, evs[i].events, 0);
    }
    int up = 0; for (int i = 0; i < nconns; i++) up += cs[i].fd >= 0;
    printf("connected %d\n", up); fflush(stdout);
    char line[64];
    if (!fgets(line, sizeof line, stdin)) return 1;
    uint64_t t0 = now_ns();
    for (int i = 0; i < nconns; i++) if (cs[i].fd >= 0) { cs[i].sent = 0; cs[i].recvd = 0; cs[i].t0 = t0; arm(&cs[i], EPOLLOUT | EPOLLIN, EPOLL_CTL_MOD); }
    while (ops + errors < (uint64_t)up) {
      int n = epoll_wait(ep, evs, 512, 100);
      for (int i = 0; i < n; i++) on_event(evs[i].data.ptr, evs[i].events, 1);
      if (now_ns() - t0 > (uint64_t)duration * 1000000000ull) break;
    }
    printf("mode=idle conns=%d connected=%d echoed=%llu echo_ms=%.1f errors=%llu\n", nconns, up, (unsigned long long)ops,
           (now_ns() - t0) / 1e6, (unsigned long long)errors);
    fflush(stdout);
    while (fgets(line, sizeof line, stdin)) { } // hold the connections until the caller is done
    return 0;
  }
  uint64_t t0 = now_ns(), end = t0 + (uint64_t)duration * 1000000000ull;
  if (rate > 0) {
    // Each connection's schedule starts at a different offset, so the load is spread evenly over time.
    interval_ns = (uint64_t)(1e9 * nconns / rate);
    for (int i = 0; i < nconns; i++) cs[i].due = t0 + interval_ns * (uint64_t)i / (uint64_t)nconns;
  }
  while (now_ns() < end) {
    int timeout = 100;
    if (rate > 0) {
      uint64_t t = now_ns(), next = UINT64_MAX;
      for (int i = 0; i < nconns; i++) {
        conn_t *c = &cs[i];
        if (c->fd >= 0 && c->connected && c->sent == 0 && c->due <= t) send_due(c);
        if (c->fd >= 0 && c->sent == 0 && c->due < next) next = c->due;
      }
      if (next != UINT64_MAX) { uint64_t now2 = now_ns(); timeout = next > now2 ? (int)((next - now2) / 1000000) : 0; if (timeout > 100) timeout = 100; }
    }
    int n = epoll_wait(ep, evs, 512, timeout);
    for (int i = 0; i < n; i++) on_event(evs[i].data.ptr, evs[i].events, 0);
  }
  double secs = (now_ns() - t0) / 1e9;
  qsort(lat, nlat, sizeof *lat, cmpu);
  uint32_t p50 = nlat ? lat[nlat / 2] : 0, p99 = nlat ? lat[(size_t)(nlat * 0.99)] : 0, p999 = nlat ? lat[(size_t)(nlat * 0.999)] : 0;
  const char *mn = mode == STREAM ? "stream" : mode == CONNRATE ? "connrate" : "pingpong";
  printf("mode=%s conns=%d size=%zu secs=%.2f ops=%llu ops_s=%.0f mb_s=%.1f p50_us=%u p99_us=%u p999_us=%u errors=%llu", mn, nconns, size, secs,
         (unsigned long long)ops, ops / secs, bytes / secs / 1e6, p50, p99, p999, (unsigned long long)errors);
  if (rate > 0) printf(" rate=%.0f", rate);
  if (verify) {
    uint64_t min_ops = nconns ? cs[0].ops : 0;
    for (int i = 1; i < nconns; i++) if (cs[i].ops < min_ops) min_ops = cs[i].ops;
    printf(" mismatches=%llu min_conn_ops=%llu", (unsigned long long)mismatches, (unsigned long long)min_ops);
  }
  printf("\n");
  return 0;
}
