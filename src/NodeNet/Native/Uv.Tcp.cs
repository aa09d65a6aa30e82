using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace NodeNet.Native;

internal static unsafe partial class Uv
{
    [LibraryImport(Lib)] internal static partial int uv_tcp_init(nint loop, nint handle);
    [LibraryImport(Lib)] internal static partial int uv_tcp_init_ex(nint loop, nint handle, uint flags);
    // uv_os_sock_t is an int on Unix and a SOCKET (UINT_PTR) on Windows.
    [LibraryImport(Lib, EntryPoint = "uv_tcp_open"), UnsupportedOSPlatform("windows")]
    internal static partial int uv_tcp_open_unix(nint handle, int sock);
    [LibraryImport(Lib, EntryPoint = "uv_tcp_open"), SupportedOSPlatform("windows")]
    internal static partial int uv_tcp_open_windows(nint handle, nuint sock);

    internal static int TcpOpen(nint handle, nint sock) =>
        OperatingSystem.IsWindows() ? uv_tcp_open_windows(handle, (nuint)sock) : uv_tcp_open_unix(handle, (int)sock);
    [LibraryImport(Lib)] internal static partial int uv_tcp_nodelay(nint handle, int enable);
    [LibraryImport(Lib)] internal static partial int uv_tcp_keepalive(nint handle, int enable, uint delay);
    /// <summary>libuv 1.52: idle, interval (seconds) and probe count. Call only when <see cref="LibuvFeatures.TcpKeepAliveEx"/>.</summary>
    [LibraryImport(Lib), LibuvSince(1, 52)] internal static partial int uv_tcp_keepalive_ex(nint handle, int on, uint idle, uint intvl, uint cnt);
    [LibraryImport(Lib)] internal static partial int uv_tcp_bind(nint handle, byte* addr, uint flags);
    [LibraryImport(Lib)] internal static partial int uv_tcp_getsockname(nint handle, byte* name, int* namelen);
    [LibraryImport(Lib)] internal static partial int uv_tcp_getpeername(nint handle, byte* name, int* namelen);
    [LibraryImport(Lib)]
    internal static partial int uv_tcp_connect(nint req, nint handle, byte* addr, delegate* unmanaged[Cdecl]<nint, int, void> connectCb);
    [LibraryImport(Lib)] internal static partial int uv_tcp_close_reset(nint handle, delegate* unmanaged[Cdecl]<nint, void> closeCb);
}
