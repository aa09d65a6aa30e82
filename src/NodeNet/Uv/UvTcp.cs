using System.Runtime.InteropServices;
using System.Text;
using NodeNet.Native;

namespace NodeNet.Uv;

internal sealed unsafe class UvTcp : UvStream
{
    public UvTcp(UvLoop loop) : base(loop, UvHandleType.Tcp) =>
        CompleteInit(Native.Uv.uv_tcp_init(loop.Ptr, Ptr), "uv_tcp_init");

    /// <summary>Creates the socket of <paramref name="addressFamily"/> now rather than at bind (uv_tcp_init_ex).</summary>
    public UvTcp(UvLoop loop, int addressFamily) : base(loop, UvHandleType.Tcp) =>
        CompleteInit(Native.Uv.uv_tcp_init_ex(loop.Ptr, Ptr, (uint)addressFamily), "uv_tcp_init_ex");

    public int Open(nint fd) => Native.Uv.TcpOpen(Ptr, fd);

    /// <summary>A new handle bound to <paramref name="addr"/>, with SO_REUSEPORT when asked: by libuv from 1.49
    /// (UV_TCP_REUSEPORT), before that set here before bind on a socket created eagerly. ENOTSUP on Windows either way.
    /// On failure the caller closes the handle.</summary>
    public static (UvTcp tcp, int err) Bound(UvLoop loop, SockAddrStorage* addr, UvTcpFlags flags, bool reusePort)
    {
        bool byLibuv = reusePort && LibuvFeatures.TcpReusePortFlag;
        var tcp = reusePort && !byLibuv ? new UvTcp(loop, SockAddr.Family((byte*)addr)) : new UvTcp(loop);
        int err = reusePort && !byLibuv ? (OperatingSystem.IsWindows() ? UvErrors.ENOTSUP : Libc.SetReusePort((int)tcp.FileNo())) : 0;
        if (err == 0) err = tcp.Bind(addr, flags | (byLibuv ? UvTcpFlags.ReusePort : UvTcpFlags.None));
        return (tcp, err);
    }
    public int Bind(SockAddrStorage* addr, UvTcpFlags flags) => Native.Uv.uv_tcp_bind(Ptr, (byte*)addr, (uint)flags);
    public int NoDelay(bool enable) => IsClosing ? UvErrors.EBADF : Native.Uv.uv_tcp_nodelay(Ptr, enable ? 1 : 0);
    /// <summary>SO_KEEPALIVE, then the idle time, probe interval (seconds) and probe count, as libuv 1.52's
    /// uv_tcp_keepalive_ex sets them: when enabling with any of the three below 1, only SO_KEEPALIVE changes (EINVAL).
    /// A libuv before 1.52 sets SO_KEEPALIVE and the idle time; the interval and count are then set here.</summary>
    public int KeepAlive(bool enable, uint idleSeconds, uint intervalSeconds, uint count)
    {
        if (IsClosing) return UvErrors.EBADF;
        if (LibuvFeatures.TcpKeepAliveEx)
            return Native.Uv.uv_tcp_keepalive_ex(Ptr, enable ? 1 : 0, idleSeconds, intervalSeconds, count);
        if (!enable) return Native.Uv.uv_tcp_keepalive(Ptr, 0, 0);
        if (idleSeconds < 1 || intervalSeconds < 1 || count < 1)
        {
            Native.Uv.uv_tcp_keepalive(Ptr, 1, 0); // SO_KEEPALIVE on; its refusal of idle 0 is the EINVAL below
            return UvErrors.EINVAL;
        }
        int err = Native.Uv.uv_tcp_keepalive(Ptr, 1, idleSeconds);
        if (err != 0 || OperatingSystem.IsWindows()) return err; // Windows' old libuv: idle time only
        return Libc.SetKeepAliveProbes((int)FileNo(), intervalSeconds, count);
    }

    public int Connect(UvRequest req, SockAddrStorage* addr) =>
        Native.Uv.uv_tcp_connect(req.Ptr, Ptr, (byte*)addr, &UvRequest.OnDoneNative);

    public int GetSockName(SockAddrStorage* addr)
    {
        if (IsClosing) return UvErrors.EBADF;
        int len = sizeof(SockAddrStorage);
        return Native.Uv.uv_tcp_getsockname(Ptr, (byte*)addr, &len);
    }

    public int GetPeerName(SockAddrStorage* addr)
    {
        if (IsClosing) return UvErrors.EBADF;
        int len = sizeof(SockAddrStorage);
        return Native.Uv.uv_tcp_getpeername(Ptr, (byte*)addr, &len);
    }

    /// <summary>Closes with SO_LINGER {1, 0}, so the peer sees RST.</summary>
    public int Reset() => CloseReset();
}
