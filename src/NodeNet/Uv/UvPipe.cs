using System.Text;
using NodeNet.Native;

namespace NodeNet.Uv;

internal sealed unsafe class UvPipe : UvStream
{
    /// <summary>An IPC pipe (<paramref name="ipc"/>) can send and receive handles with uv_write2.</summary>
    public UvPipe(UvLoop loop, bool ipc = false) : base(loop, UvHandleType.NamedPipe)
    {
        IsIpc = ipc;
        CompleteInit(Native.Uv.uv_pipe_init(loop.Ptr, Ptr, ipc ? 1 : 0), "uv_pipe_init");
    }

    public readonly bool IsIpc;

    /// <summary>Handles received and waiting for <see cref="UvStream.Accept"/>, and the type of the next one.</summary>
    public int PendingCount => IsClosing ? 0 : Native.Uv.uv_pipe_pending_count(Ptr);
    public UvHandleType PendingType => Native.Uv.uv_pipe_pending_type(Ptr);

    public int Open(int fd) => Native.Uv.uv_pipe_open(Ptr, fd);

    public int Bind(string name)
    {
        byte[] z = Utf8Z(name);
        fixed (byte* p = z) return Native.Uv.uv_pipe_bind(Ptr, p);
    }

    /// <summary>uv_pipe_connect; its result comes through <paramref name="req"/>'s callback, where the owner calls
    /// <see cref="ConnectDone"/>. A second connect while one is in flight gets the kernel's answer (EISCONN, EALREADY) here,
    /// as libuv reports it, but without calling libuv: libuv replaces the first request with the second and leaves the
    /// first registered forever, so its loop could never end.</summary>
    public int Connect(UvRequest req, string name)
    {
        if (ConnectInFlight)
            return UnixSocket.Supported && FileNo() is var fd and >= 0 && UnixSocket.Fits(name) ? UnixSocket.ConnectAgain((int)fd, name) : UvErrors.EALREADY;
        ConnectInFlight = true;
        byte[] z = Utf8Z(name);
        fixed (byte* p = z) Native.Uv.uv_pipe_connect(req.Ptr, Ptr, p, &UvRequest.OnDoneNative);
        return 0;
    }

    public bool ConnectInFlight { get; private set; }

    public void ConnectDone() => ConnectInFlight = false;

    /// <summary>Windows: how many pipe instances wait for clients at once (libuv's default is 4). Call before Bind.</summary>
    public void SetPendingInstances(int count) => Native.Uv.uv_pipe_pending_instances(Ptr, count);

    public int Chmod(UvPollEvent flags) => Native.Uv.uv_pipe_chmod(Ptr, (int)flags);

    private string? _ownedPath;
    private (ulong dev, ulong ino) _ownedId;

    /// <summary>Binds <paramref name="path"/> as Node 22 and later do: EINVAL for a name too long for sun_path or with a
    /// NUL inside. On Linux NodeNet binds the socket itself (abstract names; <paramref name="mode"/> on the file from the
    /// start), opens it here and owns its file; elsewhere libuv binds (and the caller sets any mode after).</summary>
    public int BindPath(string path, int? mode)
    {
        if (!OperatingSystem.IsWindows() && !UnixSocket.Usable(path)) return UvErrors.EINVAL;
        if (!UnixSocket.Supported) return Bind(path);
        int err = UnixSocket.Bind(path, out int fd, mode);
        if (err != 0) return err;
        err = Open(fd);
        if (err != 0) { Libc.close(fd); return err; }
        if (!UnixSocket.IsAbstract(path)) Own(path);
        return 0;
    }

    /// <summary>Remember the socket file this handle bound, so closing removes that file and no other.</summary>
    public void Own(string path)
    {
        if (UnixSocket.Stat(path) is not { } st) return;
        _ownedPath = path;
        _ownedId = (st.dev, st.ino);
    }

    /// <summary>Unlink on close only while the path is still the inode we bound: a newer server's socket is left alone.</summary>
    protected override void BeforeClose()
    {
        if (_ownedPath == null) return;
        if (UnixSocket.Stat(_ownedPath) is { } st && (st.dev, st.ino) == _ownedId) UnixSocket.Unlink(_ownedPath);
        _ownedPath = null;
    }

    public string? GetSockName()
    {
        if (IsClosing) return null;
        byte* buf = stackalloc byte[NameMax];
        nuint size = NameMax;
        return Native.Uv.uv_pipe_getsockname(Ptr, buf, &size) == 0 ? Encoding.UTF8.GetString(buf, (int)size) : null;
    }

    public string? GetPeerName()
    {
        if (IsClosing) return null;
        byte* buf = stackalloc byte[NameMax];
        nuint size = NameMax;
        return Native.Uv.uv_pipe_getpeername(Ptr, buf, &size) == 0 ? Encoding.UTF8.GetString(buf, (int)size) : null;
    }

    private const int NameMax = 512;

    internal static byte[] Utf8Z(string s)
    {
        byte[] z = new byte[Encoding.UTF8.GetByteCount(s) + 1];
        Encoding.UTF8.GetBytes(s, z);
        return z;
    }
}
