using System.Runtime.InteropServices;

namespace NodeNet.Native;

// POSIX calls for Unix domain sockets that libuv 1.44 does not offer: binding abstract names,
// chmod between bind and listen, stat for "is this still the socket we bound", peer credentials.
// The constants are Linux's (checked against the headers by the ABI probe); other Unixes fall back
// to libuv's own bind and connect.
internal static unsafe partial class Libc
{
    [LibraryImport(Lib, SetLastError = true)] internal static partial int socket(int domain, int type, int protocol);
    [LibraryImport(Lib, SetLastError = true)] internal static partial int bind(int fd, byte* addr, uint len);
    [LibraryImport(Lib, SetLastError = true)] internal static partial int connect(int fd, byte* addr, uint len);
    [LibraryImport(Lib, SetLastError = true)] internal static partial int unlink(byte* path);
    [LibraryImport(Lib, SetLastError = true)] internal static partial int chmod(byte* path, uint mode);
    [LibraryImport(Lib, SetLastError = true)] internal static partial int fchmod(int fd, uint mode);
    [LibraryImport(Lib, SetLastError = true)] internal static partial int open(byte* path, int flags);
    [LibraryImport(Lib, SetLastError = true)] internal static partial int fstat(int fd, byte* buf);
    [LibraryImport(Lib)] internal static partial uint geteuid();
    [LibraryImport(Lib, SetLastError = true)] internal static partial int getsockopt(int fd, int level, int name, void* value, uint* len);
    [LibraryImport(Lib, SetLastError = true)] internal static partial int getsockname(int fd, byte* addr, uint* len);
    [LibraryImport(Lib, SetLastError = true)] internal static partial int lstat(byte* path, byte* buf);
    [LibraryImport(Lib, SetLastError = true)] internal static partial int getpeereid(int fd, uint* uid, uint* gid);

    // macOS <sys/un.h>: getsockopt(fd, SOL_LOCAL, LOCAL_PEERPID) gives the peer's pid.
    internal const int SolLocalMac = 0;
    internal const int LocalPeerPidMac = 2;

    internal const int AfUnix = 1;
    internal const int SockStream = 1;
    internal const int SockNonBlock = 0x800;
    internal const int SockCloexec = 0x80000;
    internal const int SolSocketLinux = 1;
    internal const int SoPeerCred = 17;
    internal const int SoType = 3;
    internal const int SoAcceptConn = 30;
    internal const int SoReusePortLinux = 15;
    internal const int SunPathOffset = 2;
    internal const int SunPathSize = 108;
    internal const int UcredSize = 12;
    internal const uint SIfMt = 0xF000;   // S_IFMT  (0170000)
    internal const uint SIfSock = 0xC000; // S_IFSOCK (0140000)

    /// <summary>struct stat as glibc lays it out: x86-64 and arm64 differ in size and where st_mode sits.</summary>
    internal static int StatSize => RuntimeInformation.ProcessArchitecture == Architecture.X64 ? 144 : 128;
    internal static int StatDevOffset => 0;
    internal static int StatInoOffset => 8;
    internal static int StatModeOffset => RuntimeInformation.ProcessArchitecture == Architecture.X64 ? 24 : 16;
    internal static int StatUidOffset => RuntimeInformation.ProcessArchitecture == Architecture.X64 ? 28 : 24;

    // <fcntl.h>: O_NOFOLLOW is one of the flags x86-64 and arm64 number differently.
    internal const int OPath = 0x200000;
    internal static int ONoFollow => RuntimeInformation.ProcessArchitecture == Architecture.X64 ? 0x20000 : 0x8000;
    internal const int OCloexec = 0x80000;

    /// <summary>The last errno as a libuv error code.</summary>
    internal static int LastError() => Uv.uv_translate_sys_error(Marshal.GetLastPInvokeError());
}
