// httpload: closed-loop HTTP/1.1 load over a Unix socket (or TCP), for Kestrel on a Unix socket, where wrk and h2load
// cannot go (they dial TCP only) and curl --unix-socket starts a process per request. Like wrk's default: N keep-alive
// connections, each sending one GET and waiting for the whole response before the next (no pipelining).
//   httpload (--unix PATH | --host H --port P) [--conns N] [--duration S] [--path /plaintext]
// Output: one line of key=value pairs: "requests=N rps=... p50_us=... p99_us=... errors=N non2xx=N".
// A response is its head up to the blank line plus Content-Length bytes of body: enough for Kestrel's fixed-length
// answers; a chunked or length-less response counts as an error, as does a closed connection.
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

enum { BUF = 1 << 16 };
typedef struct { int fd; size_t sent, have; uint64_t t0; char in[BUF]; } conn_t;

static char *upath, *host = "127.0.0.1", *path = "/plaintext";
static int port = 80, nconns = 50, duration = 5, ep;
static char req[512]; static size_t reqlen;
static uint64_t requests, errors, non2xx;
static uint32_t *lat; static size_t nlat, caplat;

static uint64_t now_ns(void) { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec * 1000000000ull + t.tv_nsec; }

static void arm(conn_t *c, uint32_t ev, int op) { struct epoll_event e = {.events = ev, .data.ptr = c}; epoll_ctl(ep, op, c->fd, &e); }

static void start(conn_t *c) {
  c->sent = c->have = 0; c->t0 = now_ns();
  if (upath) {
    struct sockaddr_un a = {.sun_family = AF_UNIX};
    strncpy(a.sun_path, upath, sizeof a.sun_path - 1);
    c->fd = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0);
    if (connect(c->fd, (struct sockaddr *)&a, sizeof a) < 0 && errno != EINPROGRESS && errno != EAGAIN) goto fail;
  } else {
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons(port)};
    inet_pton(AF_INET, host, &a.sin_addr);
    c->fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    int one = 1; setsockopt(c->fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    if (connect(c->fd, (struct sockaddr *)&a, sizeof a) < 0 && errno != EINPROGRESS) goto fail;
  }
  arm(c, EPOLLOUT | EPOLLIN, EPOLL_CTL_ADD);
  return;
fail:
  errors++; close(c->fd); c->fd = -1;
}

static void fail(conn_t *c, int stopping) { errors++; close(c->fd); c->fd = -1; if (!stopping) start(c); }

static void record(uint64_t ns) {
  if (nlat == caplat) { caplat = caplat ? caplat * 2 : 1 << 16; lat = realloc(lat, caplat * sizeof *lat); }
  lat[nlat++] = (uint32_t)(ns / 1000 > UINT32_MAX ? UINT32_MAX : ns / 1000);
}

/* The length of the first whole response in c->in, 0 if it is not all here yet, -1 if it cannot be read. */
static long response_length(conn_t *c) {
  char *end = memmem(c->in, c->have, "\r\n\r\n", 4);
  if (!end) return c->have == BUF ? -1 : 0;
  size_t head = end + 4 - c->in;
  long body = -1;
  for (char *line = memchr(c->in, '\n', head); line && line < end; line = memchr(line + 1, '\n', end - line))
    if (!strncasecmp(line + 1, "content-length:", 15)) body = atol(line + 16);
  if (body < 0 || head + body > BUF) return -1;
  return head + body <= c->have ? (long)(head + body) : 0;
}

static void on_event(conn_t *c, uint32_t ev, int stopping) {
  if ((ev & EPOLLOUT) && c->sent < reqlen) {
    ssize_t n = write(c->fd, req + c->sent, reqlen - c->sent);
    if (n > 0) c->sent += n; else if (n < 0 && errno != EAGAIN) { fail(c, stopping); return; }
    if (c->sent == reqlen) arm(c, EPOLLIN, EPOLL_CTL_MOD);
  }
  if (!(ev & (EPOLLIN | EPOLLHUP | EPOLLERR))) return;
  for (;;) {
    ssize_t n = read(c->fd, c->in + c->have, BUF - c->have);
    if (n > 0) { c->have += n; if (c->have < BUF) continue; }
    else if (n == 0 || errno != EAGAIN) { fail(c, stopping); return; }
    break;
  }
  long len = response_length(c);
  if (len < 0) { fail(c, stopping); return; }
  if (len == 0) return;
  if (c->have != (size_t)len) { fail(c, stopping); return; } // more than one response: the server answered unasked
  uint64_t t = now_ns();
  requests++; record(t - c->t0);
  if (strncmp(c->in, "HTTP/1.1 2", 10)) non2xx++;
  if (stopping) return;
  c->have = c->sent = 0; c->t0 = t;
  ssize_t w = write(c->fd, req, reqlen);
  if (w > 0) c->sent = w;
  if (c->sent < reqlen) arm(c, EPOLLOUT | EPOLLIN, EPOLL_CTL_MOD);
}

static int cmpu(const void *a, const void *b) { uint32_t x = *(uint32_t *)a, y = *(uint32_t *)b; return x < y ? -1 : x > y; }

int main(int argc, char **argv) {
  for (int i = 1; i < argc; i++) {
    char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
    if (!strcmp(a, "--unix") && v) { upath = v; i++; }
    else if (!strcmp(a, "--host") && v) { host = v; i++; }
    else if (!strcmp(a, "--port") && v) { port = atoi(v); i++; }
    else if (!strcmp(a, "--conns") && v) { nconns = atoi(v); i++; }
    else if (!strcmp(a, "--duration") && v) { duration = atoi(v); i++; }
    else if (!strcmp(a, "--path") && v) { path = v; i++; }
    else { fprintf(stderr, "usage: httpload (--unix PATH | --host H --port P) [--conns N] [--duration S] [--path /plaintext]\n"); return 2; }
  }
  reqlen = snprintf(req, sizeof req, "GET %s HTTP/1.1\r\nHost: localhost\r\n\r\n", path);
  ep = epoll_create1(0);
  conn_t *cs = calloc(nconns, sizeof *cs);
  for (int i = 0; i < nconns; i++) start(&cs[i]);
  struct epoll_event evs[512];
  uint64_t t0 = now_ns(), end = t0 + (uint64_t)duration * 1000000000ull;
  while (now_ns() < end) {
    int n = epoll_wait(ep, evs, 512, 100);
    for (int i = 0; i < n; i++) on_event(evs[i].data.ptr, evs[i].events, 0);
  }
  double secs = (now_ns() - t0) / 1e9;
  qsort(lat, nlat, sizeof *lat, cmpu);
  printf("requests=%llu rps=%.0f p50_us=%u p99_us=%u errors=%llu non2xx=%llu\n", (unsigned long long)requests, requests / secs,
         nlat ? lat[nlat / 2] : 0, nlat ? lat[(size_t)(nlat * 0.99)] : 0, (unsigned long long)errors, (unsigned long long)non2xx);
  return 0;
}
