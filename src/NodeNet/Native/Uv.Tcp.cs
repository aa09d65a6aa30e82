using System.Runtime.InteropServices;

namespace NodeNet.Native;

internal static unsafe partial class Uv
{
    [LibraryImport(Lib)] internal static partial int uv_tcp_init(nint loop, nint handle);
    [LibraryImport(Lib)] internal static partial int uv_tcp_init_ex(nint loop, nint handle, uint flags);
    [LibraryImport(Lib)] internal static partial int uv_tcp_open(nint handle, nint sock);
    [LibraryImport(Lib)] internal static partial int uv_tcp_nodelay(nint handle, int enable);
    [LibraryImport(Lib)] internal static partial int uv_tcp_keepalive(nint handle, int enable, uint delay);
    [LibraryImport(Lib)] internal static partial int uv_tcp_bind(nint handle, byte* addr, uint flags);
    [LibraryImport(Lib)] internal static partial int uv_tcp_getsockname(nint handle, byte* name, int* namelen);
    [LibraryImport(Lib)] internal static partial int uv_tcp_getpeername(nint handle, byte* name, int* namelen);
    [LibraryImport(Lib)]
    internal static partial int uv_tcp_connect(nint req, nint handle, byte* addr, delegate* unmanaged[Cdecl]<nint, int, void> connectCb);
    [LibraryImport(Lib)] internal static partial int uv_tcp_close_reset(nint handle, delegate* unmanaged[Cdecl]<nint, void> closeCb);
}
