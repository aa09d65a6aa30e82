// The ceiling of the benchmark (issue 26): the team's raw C libuv echo, shared/tools/uv_echo_try.c, kept here so that a
// clean clone can build it (the Bench target compiles it against the packaged libuv). One change: at the peer's FIN the
// original closes at once and drops the writes still queued, so the benchmark's echo check (which half-closes after
// sending) got 233,152 of 1,048,576 bytes back over a Unix socket; here the FIN is answered with uv_shutdown, which
// waits for the queued writes, and the socket closes after it, as an echo that honours half-close (Node's) does.
// UV_ECHO_FRESH=BYTES (not in the original) models Node's ownership rule, that every 'data' chunk is new memory the
// listener may keep: each read goes into the next 64 KiB of a BYTES ring, so the kernel writes memory no read used
// recently, as NodeNet's reads do into a fresh gen0 array (BYTES is .NET's gen0 budget, which it cycles through).
// Raw libuv echo server, the ceiling a libuv binding can approach under the same settings: 64 KiB reads, Nagle on,
// uv_try_write first and uv_write for the rest. Build: gcc -O2 -o uv_echo_try uv_echo_try.c -luv. Usage: uv_echo_try PORT|UNIXPATH
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <signal.h>
#include <uv.h>
typedef struct { uv_write_t req; uv_buf_t buf; } wr_t;
static uv_loop_t *loop;
static void on_close(uv_handle_t *h) { free(h); }
static char *ring; static size_t ring_size, ring_at;
static void alloc_cb(uv_handle_t *h, size_t s, uv_buf_t *b) {
  if (ring) { if (ring_at + 65536 > ring_size) ring_at = 0; b->base = ring + ring_at; ring_at += 65536; }
  else b->base = malloc(65536);
  b->len = 65536;
}
static void release(char *base) { if (!ring) free(base); }
static void after_write(uv_write_t *r, int st) { wr_t *w = (wr_t *)r; free(w->buf.base); free(w); }
static void after_shutdown(uv_shutdown_t *r, int st) { uv_close((uv_handle_t *)r->handle, on_close); free(r); }
static void on_read(uv_stream_t *s, ssize_t n, const uv_buf_t *b) {
  if (n > 0) { uv_buf_t t = uv_buf_init(b->base, n); int k = uv_try_write(s, &t, 1); if (k == n) { release(b->base); return; } if (k < 0) k = 0;
    wr_t *w = malloc(sizeof *w);
    if (ring) { w->buf.base = malloc(n - k); memcpy(w->buf.base, b->base + k, n - k); } /* the slot is reused later */
    else { w->buf.base = b->base; memmove(b->base, b->base + k, n - k); }
    w->buf.len = n - k; uv_write(&w->req, s, &w->buf, 1, after_write); return; }
  release(b->base);
  if (n == UV_EOF) { uv_shutdown_t *r = malloc(sizeof *r); if (uv_shutdown(r, s, after_shutdown) == 0) return; free(r); }
  if (n < 0) uv_close((uv_handle_t *)s, on_close);
}
static int is_pipe;
static void on_conn(uv_stream_t *srv, int st) {
  uv_stream_t *c;
  if (is_pipe) { c = malloc(sizeof(uv_pipe_t)); uv_pipe_init(loop, (uv_pipe_t *)c, 0); }
  else { c = malloc(sizeof(uv_tcp_t)); uv_tcp_init(loop, (uv_tcp_t *)c); }
  if (uv_accept(srv, c) == 0) uv_read_start(c, alloc_cb, on_read); else uv_close((uv_handle_t *)c, on_close);
}
int main(int argc, char **argv) {
  signal(SIGPIPE, SIG_IGN);
  loop = uv_default_loop();
  const char *fresh = getenv("UV_ECHO_FRESH");
  if (fresh && (ring_size = strtoul(fresh, NULL, 10)) >= 65536) { ring = malloc(ring_size); memset(ring, 0, ring_size); }
  const char *w = argc > 1 ? argv[1] : "8124";
  uv_stream_t *srv;
  if (w[0] >= '0' && w[0] <= '9') {
    static uv_tcp_t t; uv_tcp_init(loop, &t); struct sockaddr_in a; uv_ip4_addr("127.0.0.1", atoi(w), &a);
    uv_tcp_bind(&t, (const struct sockaddr *)&a, 0); srv = (uv_stream_t *)&t;
  } else { static uv_pipe_t p; is_pipe = 1; uv_pipe_init(loop, &p, 0); unlink(w); uv_pipe_bind(&p, w); srv = (uv_stream_t *)&p; }
  int r = uv_listen(srv, 511, on_conn); if (r) { fprintf(stderr, "%s\n", uv_strerror(r)); return 1; }
  printf("ready\n"); fflush(stdout);
  return uv_run(loop, UV_RUN_DEFAULT);
}
