using NodeNet.Native;
using NodeNet.Uv;

namespace NodeNet;

/// <summary>
/// net.BoundSocket (Node 24.19 / 26.4; pipes 26.7): a socket bound at once, on the calling loop's thread, to a numeric IP
/// address and port or to a pipe path, and neither listening nor connected until exactly one
/// <see cref="Server.Listen(BoundSocket, Action?)"/> or <c>new Socket(new SocketOptions { Handle = bound })</c> adopts
/// it. Binding happens in the constructor, so its errors (EADDRINUSE on a path in use, ...) are thrown there, and the
/// address or path is reserved from then on. Until adopted, <see cref="Close"/> (or Dispose) releases it and removes
/// the path; after adoption or close its members throw ERR_SOCKET_HANDLE_ADOPTED, and Dispose does nothing.
/// </summary>
public sealed partial class BoundSocket : IDisposable
{
    private readonly EventLoop _loop;
    private UvStream? _handle;
    private readonly AddressInfo _address;

    /// <summary>Binds on the current thread's loop (call it inside the loop: a callback, Run, or InvokeAsync).</summary>
    /// <exception cref="NodeNetArgumentException">ERR_INVALID_ARG_VALUE for a host that is not an IP address, or a path
    /// given with TCP properties; ERR_INVALID_ARG_TYPE and ERR_SOCKET_BAD_PORT as Node.</exception>
    /// <exception cref="NodeNetException">The bind's error: "bind EADDRINUSE /path", "bind EADDRNOTAVAIL 192.0.2.1".</exception>
    public BoundSocket(BoundSocketOptions? options = null)
        : this(EventLoop.Current ?? throw new InvalidOperationException(
            "A BoundSocket binds on the calling loop's thread: create it inside the loop (a callback, EventLoop.Run or InvokeAsync)."),
            options ?? new BoundSocketOptions()) { }

    private BoundSocket(EventLoop loop, UvStream handle, AddressInfo address)
    {
        _loop = loop;
        _handle = handle;
        _address = address;
    }

    private BoundSocket(EventLoop loop, BoundSocketOptions o)
    {
        loop.Uv.VerifyThread();
        _loop = loop;
        if (o.Path != null) (_handle, _address) = BindPipe(loop, o);
        else (_handle, _address) = BindTcp(loop, o);
    }

    private static unsafe (UvStream, AddressInfo) BindTcp(EventLoop loop, BoundSocketOptions o)
    {
        int port = o.Port ?? 0;
        if (port is < 0 or > 65535) throw NodeErrors.SocketBadPort("options.port", port);
        bool ipv6Only = o.Ipv6Only ?? false;
        string host = o.Host ?? (ipv6Only ? "::" : "0.0.0.0");
        NodeErrors.RejectNul(host, "options.host");
        if (Net.IsIP(host) == 0)
            throw NodeErrors.InvalidArgValue("options.host", host, "must be a numeric IP address; net.BoundSocket does not perform DNS resolution");
        SockAddrStorage sa;
        int err = SockAddr.Parse(host, port, &sa);
        UvTcp? tcp = null;
        if (err == 0)
        {
            (tcp, err) = UvTcp.Bound(loop.Uv, &sa, ipv6Only ? UvTcpFlags.Ipv6Only : UvTcpFlags.None, o.ReusePort ?? false);
            // libuv defers some bind errors to the next call on the socket: getsockname now, so they are thrown here.
            SockAddrStorage bound;
            if (err == 0) err = tcp.GetSockName(&bound);
            if (err == 0)
                return (tcp, AddressInfo.From(&bound));
            tcp.Close();
        }
        throw NodeNetException.Connect(err, "bind", host, port);
    }

    private static (UvStream, AddressInfo) BindPipe(EventLoop loop, BoundSocketOptions o)
    {
        string path = o.Path!;
        if (o.Host != null || o.Port != null || o.Ipv6Only != null || o.ReusePort != null)
            throw NodeErrors.InvalidArgValue("options", o, "path is mutually exclusive with host, port, ipv6Only, and reusePort");
        if (UnixSocket.IsAbstract(path) && !OperatingSystem.IsLinux())
            throw NodeErrors.InvalidArgValue("options.path", path, "abstract socket paths are only supported on Linux");
        var pipe = new UvPipe(loop.Uv);
        int err = pipe.BindPath(path, mode: null); // as the server's listen binds it (and close removes the file)
        if (err == 0) return (pipe, new AddressInfo { Address = path });
        pipe.Close();
        throw NodeNetException.FromUv(err, "bind");
    }

    /// <summary>True for a pipe (Unix socket or named pipe), false for TCP.</summary>
    public bool IsPipe => _address.IsPipe;

    /// <summary>boundSocket.address(): the bound address and port (the one the system picked for port 0), or the path.</summary>
    /// <exception cref="NodeNetInvalidOperationException">ERR_SOCKET_HANDLE_ADOPTED after adoption or close.</exception>
    public AddressInfo Address()
    {
        _loop.Uv.VerifyThread();
        if (_handle == null) throw NodeErrors.SocketHandleAdopted();
        return _address;
    }

    /// <summary>boundSocket.fd(): the descriptor (-1 on Windows). It stays this object's until adoption: do not close it.</summary>
    public int Fd()
    {
        _loop.Uv.VerifyThread();
        if (_handle == null) throw NodeErrors.SocketHandleAdopted();
        return OperatingSystem.IsWindows() ? -1 : (int)_handle.FileNo();
    }

    /// <summary>Releases a socket nobody adopted (and removes its path).</summary>
    public void Close()
    {
        _loop.Uv.VerifyThread();
        if (_handle == null) throw NodeErrors.SocketHandleAdopted();
        _handle.Close();
        _handle = null;
    }

    /// <summary>Node's <c>[Symbol.dispose]</c>: closes a socket still owned, and does nothing once adopted or closed.</summary>
    public void Dispose()
    {
        if (_handle == null) return;
        if (_loop.IsLoopThread) { _handle.Close(); _handle = null; }
        else _loop.TryPost(Dispose);
    }

    /// <summary>Hands the handle to a server or socket of <paramref name="loop"/>, which owns it from then on.</summary>
    internal UvStream Consume(EventLoop loop)
    {
        if (loop != _loop) // its loop is fixed: asked from another loop's thread, say so rather than break the thread rule
            throw NodeErrors.InvalidArgValue("handle", "BoundSocket", "belongs to another loop: move it there first with TransferAsync");
        _loop.Uv.VerifyThread();
        if (_handle == null) throw NodeErrors.SocketHandleAdopted();
        var handle = _handle;
        _handle = null;
        return handle;
    }

    /// <summary>The pipe path, or null for TCP (what an adopting server's Address() and a socket's LocalAddress show).</summary>
    internal string? PipePath => IsPipe ? _address.Address : null;
}
