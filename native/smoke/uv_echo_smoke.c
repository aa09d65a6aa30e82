/* A C smoke test of a built libuv, for RIDs no .NET runtime here can load (linux-musl-x64 runs it under musl's own
 * loader): a TCP echo and a Unix socket echo on loopback through the library, each checked byte for byte.
 * Prints "uv_echo_smoke: ok <version>" and exits 0, or says what failed. Used by build.cake (TestMusl). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <uv.h>

#define TOTAL (1 << 20)
static char sent[TOTAL], got[TOTAL];
static size_t got_len;
static uv_loop_t *loop;
static int failed;

static void fail(const char *what, int err) { fprintf(stderr, "uv_echo_smoke: %s: %s\n", what, uv_strerror(err)); failed = 1; uv_stop(loop); }
static void alloc_cb(uv_handle_t *h, size_t suggested, uv_buf_t *buf) { (void)h; buf->base = malloc(suggested); buf->len = suggested; }
static void close_free(uv_handle_t *h) { free(h); }
static void write_done(uv_write_t *req, int status) { if (status) fail("write", status); free(req->data); free(req); }

static void echo_read(uv_stream_t *s, ssize_t n, const uv_buf_t *buf) {
  if (n > 0) {
    uv_write_t *req = malloc(sizeof *req);
    uv_buf_t out = uv_buf_init(buf->base, (unsigned)n);
    req->data = buf->base;
    int err = uv_write(req, s, &out, 1, write_done);
    if (err) fail("echo write", err);
    return;
  }
  free(buf->base);
  if (n < 0) uv_close((uv_handle_t *)s, close_free);
}

static void on_connection(uv_stream_t *server, int status) {
  if (status) { fail("connection", status); return; }
  uv_stream_t *conn = malloc(server->type == UV_TCP ? sizeof(uv_tcp_t) : sizeof(uv_pipe_t));
  if (server->type == UV_TCP) uv_tcp_init(loop, (uv_tcp_t *)conn); else uv_pipe_init(loop, (uv_pipe_t *)conn, 0);
  int err = uv_accept(server, conn);
  if (err) { fail("accept", err); return; }
  uv_read_start(conn, alloc_cb, echo_read);
}

static void client_read(uv_stream_t *s, ssize_t n, const uv_buf_t *buf) {
  if (n > 0) {
    if (got_len + n > TOTAL) { fail("echo longer than sent", UV_EINVAL); free(buf->base); return; }
    memcpy(got + got_len, buf->base, n);
    got_len += n;
    if (got_len == TOTAL) { uv_close((uv_handle_t *)s, NULL); uv_stop(loop); }
  } else if (n < 0) fail("client read", (int)n);
  free(buf->base);
}

static void client_wrote(uv_write_t *req, int status) { if (status) fail("client write", status); free(req); }

static void on_connect(uv_connect_t *req, int status) {
  if (status) { fail("connect", status); return; }
  uv_write_t *w = malloc(sizeof *w);
  uv_buf_t buf = uv_buf_init(sent, TOTAL);
  uv_write(w, req->handle, &buf, 1, client_wrote);
  uv_read_start(req->handle, alloc_cb, client_read);
}

static void close_walk(uv_handle_t *h, void *arg) { (void)arg; if (!uv_is_closing(h)) uv_close(h, NULL); }

/* Runs the loop until the client has read everything back, then checks it. */
static int round_trip(const char *kind) {
  got_len = 0;
  uv_run(loop, UV_RUN_DEFAULT);
  if (failed) return 1;
  if (got_len != TOTAL || memcmp(sent, got, TOTAL) != 0) { fprintf(stderr, "uv_echo_smoke: %s echo differs\n", kind); return 1; }
  return 0;
}

int main(int argc, char **argv) {
  const char *path = argc > 1 ? argv[1] : "/tmp/uv_echo_smoke.sock";
  for (int i = 0; i < TOTAL; i++) sent[i] = (char)(i * 7 + (i >> 10));
  loop = uv_default_loop();

  uv_tcp_t tcp_server, tcp_client;
  struct sockaddr_in addr;
  uv_tcp_init(loop, &tcp_server);
  uv_ip4_addr("127.0.0.1", 0, &addr);
  int err = uv_tcp_bind(&tcp_server, (const struct sockaddr *)&addr, 0);
  if (!err) err = uv_listen((uv_stream_t *)&tcp_server, 16, on_connection);
  if (err) { fail("tcp listen", err); return 1; }
  int len = sizeof addr;
  uv_tcp_getsockname(&tcp_server, (struct sockaddr *)&addr, &len);
  uv_tcp_init(loop, &tcp_client);
  uv_connect_t req;
  uv_tcp_connect(&req, &tcp_client, (const struct sockaddr *)&addr, on_connect);
  if (round_trip("tcp")) return 1;
  uv_close((uv_handle_t *)&tcp_server, NULL);

  uv_pipe_t pipe_server, pipe_client;
  remove(path);
  uv_pipe_init(loop, &pipe_server, 0);
  err = uv_pipe_bind(&pipe_server, path);
  if (!err) err = uv_listen((uv_stream_t *)&pipe_server, 16, on_connection);
  if (err) { fail("pipe listen", err); return 1; }
  uv_pipe_init(loop, &pipe_client, 0);
  uv_pipe_connect(&req, &pipe_client, path, on_connect);
  if (round_trip("unix socket")) return 1;

  uv_walk(loop, close_walk, NULL);
  uv_run(loop, UV_RUN_DEFAULT);
  remove(path);
  printf("uv_echo_smoke: ok, libuv %s, 1 MiB echoed byte for byte over TCP and a Unix socket\n", uv_version_string());
  return 0;
}
