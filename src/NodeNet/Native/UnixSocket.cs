using System.Text;

namespace NodeNet.Native;

/// <summary>Unix domain socket helpers over <see cref="Libc"/>; Linux only (other systems use libuv's bind/connect).</summary>
internal static unsafe class UnixSocket
{
    public static bool Supported => OperatingSystem.IsLinux();

    public static bool IsAbstract(string path) => path.Length > 0 && path[0] == '\0';

    /// <summary>What libuv 1.52 binds and connects to (Node 22 and later): a name that fits sun_path, with no NUL inside
    /// unless it is an abstract name (whose bytes are all its own). Anything else is EINVAL.</summary>
    public static bool Usable(string path) => Fits(path) && (IsAbstract(path) || !path.Contains('\0'));

    /// <summary>Whether <paramref name="path"/> fits sun_path without truncation (a file path also needs its NUL).</summary>
    public static bool Fits(string path)
    {
        int bytes = Encoding.UTF8.GetByteCount(path);
        int max = OperatingSystem.IsLinux() ? Libc.SunPathSize : 104;
        return IsAbstract(path) ? bytes <= max : bytes + 1 <= max;
    }

    private static uint MakeAddress(string path, byte* sa)
    {
        new Span<byte>(sa, Libc.SunPathOffset + Libc.SunPathSize).Clear();
        *(ushort*)sa = Libc.AfUnix;
        int n = Encoding.UTF8.GetBytes(path, new Span<byte>(sa + Libc.SunPathOffset, Libc.SunPathSize));
        // An abstract name is exactly its bytes; a file path is NUL-terminated.
        return (uint)(Libc.SunPathOffset + n + (IsAbstract(path) ? 0 : 1));
    }

    /// <summary>A new bound (not yet listening) socket in <paramref name="fd"/>, or a libuv error. With <paramref name="mode"/>,
    /// the socket file has those permission bits from the moment bind creates it: they are set on the descriptor first
    /// (Linux creates the file with the socket's mode less the umask, so never looser than asked), and bits the umask
    /// removed are added back on that same file, never through a symbolic link swapped in meanwhile.</summary>
    public static int Bind(string path, out int fd, int? mode = null)
    {
        byte* sa = stackalloc byte[Libc.SunPathOffset + Libc.SunPathSize];
        uint len = MakeAddress(path, sa);
        fd = Libc.socket(Libc.AfUnix, Libc.SockStream | Libc.SockCloexec, 0);
        if (fd < 0) return Libc.LastError();
        int err = 0;
        if (mode is { } m && Libc.fchmod(fd, (uint)m) != 0) err = Libc.LastError();
        if (err == 0 && Libc.bind(fd, sa, len) != 0)
        {
            err = Libc.LastError();
            // As libuv's uv_pipe_bind2 (and so Node): a missing directory is EACCES, "for compatibility with Windows".
            if (err == UvErrors.ENOENT) err = UvErrors.EACCES;
        }
        if (err == 0 && mode is { } exact && Stat(path) is { } st && (st.mode & 0x1FF) != exact) err = SetModeOfOwnSocket(path, exact);
        if (err == 0) return 0;
        Libc.close(fd);
        fd = -1;
        return err;
    }

    /// <summary>chmod of the socket file at <paramref name="path"/>, only if it is a socket this process owns (EPERM
    /// otherwise): opened with O_PATH | O_NOFOLLOW (a symbolic link is opened as itself, so it is refused, never
    /// followed), checked, and changed through /proc/self/fd, which reaches exactly the inode opened.</summary>
    internal static int SetModeOfOwnSocket(string path, int mode)
    {
        byte[] z = Utf8Z(path);
        int pfd;
        fixed (byte* p = z) pfd = Libc.open(p, Libc.OPath | Libc.ONoFollow | Libc.OCloexec);
        if (pfd < 0) return Libc.LastError();
        try
        {
            byte* buf = stackalloc byte[256];
            if (Libc.fstat(pfd, buf) != 0) return Libc.LastError();
            uint st = *(uint*)(buf + Libc.StatModeOffset);
            if (!IsSocket(st) || *(uint*)(buf + Libc.StatUidOffset) != Libc.geteuid()) return UvErrors.EPERM;
            return Chmod($"/proc/self/fd/{pfd}", mode);
        }
        finally { Libc.close(pfd); }
    }

    /// <summary>A connected non-blocking socket in <paramref name="fd"/>, or a libuv error (ECONNREFUSED, ENOENT, EAGAIN...).</summary>
    public static int Connect(string path, out int fd)
    {
        byte* sa = stackalloc byte[Libc.SunPathOffset + Libc.SunPathSize];
        uint len = MakeAddress(path, sa);
        fd = Libc.socket(Libc.AfUnix, Libc.SockStream | Libc.SockNonBlock | Libc.SockCloexec, 0);
        if (fd < 0) return Libc.LastError();
        if (Libc.connect(fd, sa, len) == 0) return 0;
        int err = Libc.LastError();
        Libc.close(fd);
        fd = -1;
        return err;
    }

    /// <summary>connect() on a socket that already exists (a bound one): 0, or the error. Unix sockets connect at once.</summary>
    public static int ConnectExisting(int fd, string path)
    {
        byte* sa = stackalloc byte[Libc.SunPathOffset + Libc.SunPathSize];
        uint len = MakeAddress(path, sa);
        return Libc.connect(fd, sa, len) == 0 ? 0 : Libc.LastError();
    }

    /// <summary>connect() again on a socket whose connect is in flight, for the kernel's answer (EISCONN, EALREADY), which
    /// is what a second uv_pipe_connect reports, without libuv's replacing its pending request.</summary>
    public static int ConnectAgain(int fd, string path) => ConnectExisting(fd, path) is var err and not 0 ? err : UvErrors.EISCONN;

    /// <summary>Device, inode and mode of the file itself (not a link target), or null if it does not exist.</summary>
    public static (ulong dev, ulong ino, uint mode)? Stat(string path)
    {
        byte[] z = Utf8Z(path);
        byte* buf = stackalloc byte[256];
        fixed (byte* p = z)
            if (Libc.lstat(p, buf) != 0) return null;
        return (*(ulong*)(buf + Libc.StatDevOffset), *(ulong*)(buf + Libc.StatInoOffset), *(uint*)(buf + Libc.StatModeOffset));
    }

    public static bool IsSocket(uint mode) => (mode & Libc.SIfMt) == Libc.SIfSock;

    public static int Unlink(string path)
    {
        byte[] z = Utf8Z(path);
        fixed (byte* p = z) return Libc.unlink(p) == 0 ? 0 : Libc.LastError();
    }

    public static int Chmod(string path, int mode)
    {
        byte[] z = Utf8Z(path);
        fixed (byte* p = z) return Libc.chmod(p, (uint)mode) == 0 ? 0 : Libc.LastError();
    }

    /// <summary>Whether <paramref name="fd"/> is a stream socket of the kind an IPC frame announced: Unix domain or IP,
    /// listening (a server) or not (a connection). A descriptor from a peer is hostile until this says so: libuv aborts the
    /// process when epoll refuses what it was given (a regular file, /dev/null). Linux checks the socket itself; other
    /// systems ask libuv, which knows sockets from files and FIFOs but not listening from connected.</summary>
    public static bool IsStreamSocket(int fd, bool unixDomain, bool listening)
    {
        if (!OperatingSystem.IsLinux())
            return Uv.uv_guess_handle(fd) == (unixDomain ? UvHandleType.NamedPipe : UvHandleType.Tcp) && !NotASocket(fd);
        int value = 0;
        uint len = sizeof(int);
        if (Libc.getsockopt(fd, Libc.SolSocketLinux, Libc.SoType, &value, &len) != 0 || value != Libc.SockStream) return false;
        len = sizeof(int);
        if (Libc.getsockopt(fd, Libc.SolSocketLinux, Libc.SoAcceptConn, &value, &len) != 0 || (value != 0) != listening) return false;
        SockAddrStorage sa;
        uint size = (uint)sizeof(SockAddrStorage);
        if (Libc.getsockname(fd, (byte*)&sa, &size) != 0) return false;
        int family = SockAddr.Family((byte*)&sa);
        return unixDomain ? family == Libc.AfUnix : family == SockAddr.AfInet || family == SockAddr.AfInet6;
    }

    /// <summary>libuv calls a FIFO a named pipe too; getsockopt tells it from a socket (BSD constants).</summary>
    private static bool NotASocket(int fd)
    {
        int type = 0;
        uint len = sizeof(int);
        return Libc.getsockopt(fd, 0xffff /* BSD SOL_SOCKET */, 0x1008 /* SO_TYPE */, &type, &len) != 0;
    }

    /// <summary>The peer of a connected Unix socket: its pid, uid and gid (SO_PEERCRED), or null.</summary>
    public static (int Pid, uint Uid, uint Gid)? PeerCredentials(int fd)
    {
        if (OperatingSystem.IsMacOS()) return PeerCredentialsMac(fd);
        int* cred = stackalloc int[3];
        uint len = Libc.UcredSize;
        if (Libc.getsockopt(fd, Libc.SolSocketLinux, Libc.SoPeerCred, cred, &len) != 0) return null;
        return (cred[0], (uint)cred[1], (uint)cred[2]);
    }

    /// <summary>macOS: getpeereid for uid/gid and LOCAL_PEERPID for the pid. Written to the documented API, not tested here.</summary>
    private static (int Pid, uint Uid, uint Gid)? PeerCredentialsMac(int fd)
    {
        uint uid, gid;
        if (Libc.getpeereid(fd, &uid, &gid) != 0) return null;
        int pid = 0;
        uint len = sizeof(int);
        if (Libc.getsockopt(fd, Libc.SolLocalMac, Libc.LocalPeerPidMac, &pid, &len) != 0) pid = 0;
        return (pid, uid, gid);
    }

    private static byte[] Utf8Z(string s)
    {
        byte[] z = new byte[Encoding.UTF8.GetByteCount(s) + 1];
        Encoding.UTF8.GetBytes(s, z);
        return z;
    }
}
