/* Prints what src/NodeNet/Native assumes about uv.h, one "key=value" per line.
 * tests/NodeNet.Tests/Native/AbiProbeTests.cs compiles this against the machine's uv.h
 * and compares every line with the managed bindings' own view (NodeNet.Native.Abi). */
#include <stddef.h>
#define _GNU_SOURCE /* struct ucred */
#include <stdio.h>
#include <uv.h>
#ifdef _WIN32
#include <ws2tcpip.h>
#else
#include <netdb.h>
#include <sys/socket.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/un.h>
#endif

#define P(key, value) printf("%s=%lld\n", key, (long long)(value))

int main(void) {
  P("version.hex", UV_VERSION_HEX);
  P("size.loop", sizeof(uv_loop_t));

#define XX(uc, lc) P("handle.UV_" #uc, UV_##uc); P("size.handle.UV_" #uc, sizeof(uv_##lc##_t));
  UV_HANDLE_TYPE_MAP(XX)
#undef XX
  P("handle.UV_FILE", UV_FILE);
  P("handle.UV_UNKNOWN_HANDLE", UV_UNKNOWN_HANDLE);

#define XX(uc, lc) P("req.UV_" #uc, UV_##uc); P("size.req.UV_" #uc, sizeof(uv_##lc##_t));
  UV_REQ_TYPE_MAP(XX)
#undef XX
  P("req.UV_UNKNOWN_REQ", UV_UNKNOWN_REQ);

  P("run.UV_RUN_DEFAULT", UV_RUN_DEFAULT);
  P("run.UV_RUN_ONCE", UV_RUN_ONCE);
  P("run.UV_RUN_NOWAIT", UV_RUN_NOWAIT);
  P("poll.UV_READABLE", UV_READABLE);
  P("poll.UV_WRITABLE", UV_WRITABLE);
  P("tcp.UV_TCP_IPV6ONLY", UV_TCP_IPV6ONLY);
#if UV_VERSION_HEX >= 0x013100 /* 1.49 */
  P("tcp.UV_TCP_REUSEPORT", UV_TCP_REUSEPORT);
#endif
  P("loop.UV_METRICS_IDLE_TIME", UV_METRICS_IDLE_TIME);
#if UV_VERSION_HEX >= 0x012d00 /* 1.45 */
  P("size.metrics", sizeof(uv_metrics_t));
  P("metrics.loop_count", offsetof(uv_metrics_t, loop_count));
  P("metrics.events", offsetof(uv_metrics_t, events));
  P("metrics.events_waiting", offsetof(uv_metrics_t, events_waiting));
#endif

  P("offset.handle.data", offsetof(uv_handle_t, data));
  P("offset.req.data", offsetof(uv_req_t, data));
  P("buf.size", sizeof(uv_buf_t));
  P("buf.base", offsetof(uv_buf_t, base));
  P("buf.len", offsetof(uv_buf_t, len));

  P("addrinfo.size", sizeof(struct addrinfo));
  P("addrinfo.ai_family", offsetof(struct addrinfo, ai_family));
  P("addrinfo.ai_addr", offsetof(struct addrinfo, ai_addr));
  P("addrinfo.ai_next", offsetof(struct addrinfo, ai_next));
  P("sockaddr.storage", sizeof(struct sockaddr_storage));
  P("af.AF_INET", AF_INET);
  P("af.AF_INET6", AF_INET6);

#ifdef __linux__
  /* Unix domain sockets bound by NodeNet itself (Native/Libc.Unix.cs). */
  P("unix.AF_UNIX", AF_UNIX);
  P("unix.SOCK_STREAM", SOCK_STREAM);
  P("unix.SOCK_NONBLOCK", SOCK_NONBLOCK);
  P("unix.SOCK_CLOEXEC", SOCK_CLOEXEC);
  P("unix.SOL_SOCKET", SOL_SOCKET);
  P("unix.SO_PEERCRED", SO_PEERCRED);
  P("unix.SO_TYPE", SO_TYPE);
  P("unix.SO_ACCEPTCONN", SO_ACCEPTCONN);
  P("unix.SO_REUSEPORT", SO_REUSEPORT);
  P("unix.sun_path.offset", offsetof(struct sockaddr_un, sun_path));
  P("unix.sun_path.size", sizeof(((struct sockaddr_un*)0)->sun_path));
  P("unix.ucred.size", sizeof(struct ucred));
  P("stat.size", sizeof(struct stat));
  P("stat.st_dev", offsetof(struct stat, st_dev));
  P("stat.st_ino", offsetof(struct stat, st_ino));
  P("stat.st_mode", offsetof(struct stat, st_mode));
  P("stat.st_uid", offsetof(struct stat, st_uid));
  P("unix.O_PATH", O_PATH);
  P("unix.O_NOFOLLOW", O_NOFOLLOW);
  P("unix.O_CLOEXEC", O_CLOEXEC);
  P("stat.S_IFMT", S_IFMT);
  P("stat.S_IFSOCK", S_IFSOCK);
#endif

#define XX(code, _) P("err.UV_" #code, UV_##code);
  UV_ERRNO_MAP(XX)
#undef XX
  return 0;
}
