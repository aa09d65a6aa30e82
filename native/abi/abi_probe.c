/* Prints what src/NodeNet/Native assumes about uv.h, one "key=value" per line.
 * tests/NodeNet.Tests/Native/AbiProbeTests.cs compiles this against the machine's uv.h
 * and compares every line with the managed bindings' own view (NodeNet.Native.Abi). */
#include <stddef.h>
#include <stdio.h>
#include <uv.h>
#ifdef _WIN32
#include <ws2tcpip.h>
#else
#include <netdb.h>
#include <sys/socket.h>
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

#define XX(code, _) P("err.UV_" #code, UV_##code);
  UV_ERRNO_MAP(XX)
#undef XX
  return 0;
}
