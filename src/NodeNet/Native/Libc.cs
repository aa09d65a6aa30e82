using System.Runtime.InteropServices;

namespace NodeNet.Native;

/// <summary>
/// The few POSIX calls libuv 1.44 has no wrapper for: SO_REUSEPORT (UV_TCP_REUSEPORT arrived in 1.49), the keep-alive
/// probe interval and count (uv_tcp_keepalive_ex arrived in 1.52), and dup() to share a listening socket between servers.
/// </summary>
internal static unsafe partial class Libc
{
    private const string Lib = "libc";

    [LibraryImport(Lib, SetLastError = true)] internal static partial int dup(int fd);
    [LibraryImport(Lib, SetLastError = true)] internal static partial int close(int fd);
    [LibraryImport(Lib, SetLastError = true)] internal static partial int setsockopt(int fd, int level, int name, int* value, uint len);

    // <sys/socket.h> values; SO_REUSEPORT differs between Linux and the BSDs.
    private static int SolSocket => OperatingSystem.IsLinux() ? SolSocketLinux : 0xffff;
    private static int SoReusePort => OperatingSystem.IsLinux() ? SoReusePortLinux : 0x0200;

    /// <summary>0, or a libuv error code translated from errno.</summary>
    public static int SetReusePort(int fd)
    {
        int one = 1;
        if (setsockopt(fd, SolSocket, SoReusePort, &one, sizeof(int)) == 0) return 0;
        return Uv.uv_translate_sys_error(Marshal.GetLastPInvokeError());
    }

    // <netinet/tcp.h>: Linux's numbers, then macOS's (the BSDs share the latter).
    internal const int IpProtoTcp = 6;
    internal static int TcpKeepIntvl => OperatingSystem.IsLinux() ? 5 : 0x101;
    internal static int TcpKeepCnt => OperatingSystem.IsLinux() ? 6 : 0x102;

    /// <summary>TCP_KEEPINTVL and TCP_KEEPCNT, as libuv 1.52 sets them after SO_KEEPALIVE and the idle time: 0, or a
    /// libuv error code translated from errno.</summary>
    public static int SetKeepAliveProbes(int fd, uint intervalSeconds, uint count)
    {
        int interval = (int)intervalSeconds, probes = (int)count;
        if (setsockopt(fd, IpProtoTcp, TcpKeepIntvl, &interval, sizeof(int)) != 0 ||
            setsockopt(fd, IpProtoTcp, TcpKeepCnt, &probes, sizeof(int)) != 0)
            return Uv.uv_translate_sys_error(Marshal.GetLastPInvokeError());
        return 0;
    }

    /// <summary>A new descriptor for the same socket, or a libuv error code.</summary>
    public static int Dup(int fd)
    {
        int copy = dup(fd);
        return copy >= 0 ? copy : Uv.uv_translate_sys_error(Marshal.GetLastPInvokeError());
    }
}
