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
    public int Bind(SockAddrStorage* addr, UvTcpFlags flags) => Native.Uv.uv_tcp_bind(Ptr, (byte*)addr, (uint)flags);
    public int NoDelay(bool enable) => IsClosing ? UvErrors.EBADF : Native.Uv.uv_tcp_nodelay(Ptr, enable ? 1 : 0);
    public int KeepAlive(bool enable, uint delaySeconds) =>
        IsClosing ? UvErrors.EBADF : Native.Uv.uv_tcp_keepalive(Ptr, enable ? 1 : 0, delaySeconds);

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
