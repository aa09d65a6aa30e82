using NodeNet.Uv;
using System.Net;
using System.Net.Sockets;

namespace NodeNet;

// .NET's types beside Node's: endpoints, TimeSpan, an enum for readyState, synchronous dispose and a thread-safe abort.
public sealed partial class Socket : IDisposable
{
    private string? _pipePath;     // the path this pipe connection was accepted on or connected to
    private bool _pipePathIsLocal; // accepted: the path is ours; connected: it is the peer's

    internal void SetAcceptedPipePath(string? path)
    {
        _pipePath = path;
        _pipePathIsLocal = true;
    }

    /// <summary>The local endpoint: an <see cref="IPEndPoint"/>, or for a connection accepted on a Unix socket the server's
    /// <see cref="UnixDomainSocketEndPoint"/>. Null before connecting, for a client's end of a Unix socket (it has no name),
    /// and for Windows pipes. Any thread: a name once read is kept; off the loop it is read under a lock that the loop
    /// takes before it closes the handle.</summary>
    public EndPoint? LocalEndPoint
    {
        get
        {
            if (Volatile.Read(ref _isPipe)) return _pipePathIsLocal && _pipePath is { } path ? EndPoints.From(path, 0, isPipe: true) : null;
            return LocalNameAnyThread()?.EndPoint;
        }
    }

    /// <summary>The remote endpoint: an <see cref="IPEndPoint"/>, or the <see cref="UnixDomainSocketEndPoint"/> a client
    /// connected to. Null before connecting, for the server's end of a Unix socket (the client has no name), and for Windows
    /// pipes. Kept after close, as <see cref="RemoteAddress"/> is. Any thread: a name once read is kept; off the loop
    /// it is read under a lock that the loop takes before it closes the handle.</summary>
    public EndPoint? RemoteEndPoint
    {
        get
        {
            if (Volatile.Read(ref _isPipe))
                return !_pipePathIsLocal && _pipePath is { } path && !Volatile.Read(ref _connecting) ? EndPoints.From(path, 0, isPipe: true) : null;
            return PeerNameAnyThread()?.EndPoint;
        }
    }

    /// <summary><see cref="ReadyState"/> as an enum. Any thread: as the loop last set it.</summary>
    public SocketReadyState State => ComputeReadyState() switch
    {
        "opening" => SocketReadyState.Opening,
        "open" => SocketReadyState.Open,
        "readOnly" => SocketReadyState.ReadOnly,
        "writeOnly" => SocketReadyState.WriteOnly,
        _ => SocketReadyState.Closed,
    };

    /// <summary><see cref="RemoteFamily"/> as .NET's enum (InterNetwork or InterNetworkV6); null for pipes and before
    /// connecting. Any thread: a name once read is kept; off the loop it is read under a lock that the loop takes
    /// before it closes the handle.</summary>
    public AddressFamily? RemoteAddressFamily => PeerNameAnyThread() is { } p ? EndPoints.FamilyOf(p) : null;

    /// <summary><see cref="SetTimeout(double, Action?)"/> with a <see cref="TimeSpan"/>; <see cref="TimeSpan.Zero"/> disables it.</summary>
    public Socket SetTimeout(TimeSpan timeout, Action? callback = null) => SetTimeout(timeout.TotalMilliseconds, callback);

    /// <summary><see cref="SetKeepAlive(bool, double)"/> with a <see cref="TimeSpan"/> initial delay.</summary>
    public Socket SetKeepAlive(bool enable, TimeSpan initialDelay) => SetKeepAlive(enable, initialDelay.TotalMilliseconds);

    /// <summary><see cref="SetKeepAlive(bool, double, double?, int?)"/> with <see cref="TimeSpan"/>s: the idle time before the
    /// first probe, the time between probes (null: 1 s) and how many go unanswered before the connection is dropped (null: 10).</summary>
    public Socket SetKeepAlive(bool enable, TimeSpan initialDelay, TimeSpan? interval, int? count = null) =>
        SetKeepAlive(enable, initialDelay.TotalMilliseconds, interval?.TotalMilliseconds, count);

    /// <summary>Connects to an <see cref="IPEndPoint"/>, a <see cref="DnsEndPoint"/> or a <see cref="UnixDomainSocketEndPoint"/>.</summary>
    public Socket Connect(EndPoint endPoint, Action? connectListener = null) =>
        Connect(EndPoints.ToConnectOptions(endPoint, nameof(endPoint)), connectListener);

    /// <summary><see cref="Connect(EndPoint, Action?)"/> as a Task, from any thread.</summary>
    public Task ConnectAsync(EndPoint endPoint, CancellationToken cancellationToken = default) =>
        ConnectAsync(EndPoints.ToConnectOptions(endPoint, nameof(endPoint)), cancellationToken);

    private int? _typeOfService;

    /// <summary>socket.setTypeOfService(tos) (Node 24.15+): the IP type-of-service byte (IPv6 traffic class) of a TCP
    /// connection, stored until it connects. Not on Windows, which does not let applications set it (ENOTSUP).</summary>
    /// <exception cref="NodeNetArgumentOutOfRangeException">ERR_OUT_OF_RANGE outside 0–255.</exception>
    public Socket SetTypeOfService(int tos)
    {
        VerifyLoopThread();
        if (tos is < 0 or > 255) throw NodeErrors.OutOfRange("tos", ">= 0 && <= 255", (double)tos);
        _typeOfService = tos;
        if (_handle is UvTcp && !_connecting) ApplyTypeOfService(throwOnError: true);
        return this;
    }

    /// <summary>socket.getTypeOfService(): the connection's type-of-service byte, or the value waiting for the connect.</summary>
    public int GetTypeOfService()
    {
        VerifyLoopThread();
        if (_handle is not UvTcp tcp || _connecting) return _typeOfService ?? 0;
        int value = Native.TypeOfService.Get((int)tcp.FileNo(), LocalName()?.Family == "IPv6");
        return value >= 0 ? value : throw NodeNetException.FromUv(value, "getTypeOfService");
    }

    /// <summary>Loop thread, connected: sets the stored value. After connect an error becomes the socket's 'error'.</summary>
    private void ApplyTypeOfService(bool throwOnError)
    {
        if (_typeOfService is not { } tos || _handle is not UvTcp tcp) return;
        int rc = Native.TypeOfService.Set((int)tcp.FileNo(), LocalName()?.Family == "IPv6", tos);
        if (rc == 0) return;
        var error = NodeNetException.FromUv(rc, "setTypeOfService");
        if (throwOnError) throw error;
        Destroy(error);
    }

    /// <summary>Destroys the socket now, from any thread (Kestrel's <c>Abort</c>): queued writes are dropped, 'close'
    /// follows
    /// on the loop. Does nothing once destroyed or when the loop has ended (that closed it already).</summary>
    public void Abort() => _loop.RunOrPost(() => { if (!_destroyed) DestroyCore(null, SocketCloseReason.Destroyed); });

    /// <summary>The same graceful end as <see cref="DisposeAsync"/> (queued writes flushed, FIN, 'close'; a peer that takes
    /// nothing for <see cref="DisposeFlushTimeout"/> ends it sooner), started without waiting for it: <c>using</c> and
    /// <c>await using</c> do the same, and only the second waits. Never blocks, never throws. To drop queued writes and
    /// close at once, call <see cref="Abort"/>.</summary>
    public void Dispose() => _ = DisposeAsync();
}
