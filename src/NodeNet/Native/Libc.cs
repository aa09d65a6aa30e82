using System.Runtime.InteropServices;

namespace NodeNet.Native;

/// <summary>
/// The few POSIX calls libuv 1.44 has no wrapper for: SO_REUSEPORT (UV_TCP_REUSEPORT arrived in 1.49)
/// and dup() to share a listening socket between servers.
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

    /// <summary>A new descriptor for the same socket, or a libuv error code.</summary>
    public static int Dup(int fd)
    {
        int copy = dup(fd);
        return copy >= 0 ? copy : Uv.uv_translate_sys_error(Marshal.GetLastPInvokeError());
    }
}
