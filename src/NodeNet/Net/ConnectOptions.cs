namespace NodeNet;

/// <summary>socket.connect(options) / net.connect(options).</summary>
public sealed record ConnectOptions : INodeInspectable
{
    /// <summary>Remote TCP port (required for TCP).</summary>
    public int? Port { get; init; }
    /// <summary>Remote host; default "localhost". IP literals skip DNS.</summary>
    public string? Host { get; init; }
    /// <summary>Unix socket path; when set the TCP options are ignored.</summary>
    public string? Path { get; init; }
    /// <summary>Local IP to bind before connecting.</summary>
    public string? LocalAddress { get; init; }
    /// <summary>Local port to bind before connecting.</summary>
    public int? LocalPort { get; init; }
    /// <summary>IP family for the lookup: 0 (either), 4 or 6.</summary>
    public int Family { get; init; }
    /// <summary>getaddrinfo flags for the lookup (<see cref="DnsHints"/>): Node's <c>hints</c>.</summary>
    public int Hints { get; init; }
    /// <summary>A resolver of your own instead of the system's (Node's <c>lookup</c>). It is asked for every address when
    /// <see cref="AutoSelectFamily"/> applies (<see cref="LookupOptions.All"/>), for one otherwise; answers that are not IP
    /// literals fail with ERR_INVALID_IP_ADDRESS, families other than 4 and 6 with ERR_INVALID_ADDRESS_FAMILY.</summary>
    public LookupFunction? Lookup { get; init; }
    /// <summary>TCP_NODELAY once connected.</summary>
    public bool NoDelay { get; init; }
    /// <summary>SO_KEEPALIVE once connected.</summary>
    public bool KeepAlive { get; init; }
    /// <summary>Keep-alive initial delay in ms.</summary>
    public double KeepAliveInitialDelay { get; init; }
    /// <summary>net.connect only: setTimeout(timeout) before connecting.</summary>
    public double? Timeout { get; init; }
    /// <summary>Happy-eyeballs across the resolved addresses; null: <see cref="Net.GetDefaultAutoSelectFamily"/> (true, as Node 20).</summary>
    public bool? AutoSelectFamily { get; init; }
    /// <summary>Per-attempt timeout for <see cref="AutoSelectFamily"/> in ms, at least 1 (values below 10 become 10); null:
    /// <see cref="Net.GetDefaultAutoSelectFamilyAttemptTimeout"/> (500).</summary>
    public int? AutoSelectFamilyAttemptTimeout { get; init; }
    /// <summary>net.connect only: passed to the new Socket.</summary>
    public bool AllowHalfOpen { get; init; }
    /// <summary>net.connect only: the new Socket's high-water marks (see <see cref="SocketOptions.HighWaterMark"/>).</summary>
    public int? HighWaterMark { get; init; }
    /// <summary>net.connect only: see <see cref="SocketOptions.ReadableHighWaterMark"/>.</summary>
    public int? ReadableHighWaterMark { get; init; }
    /// <summary>net.connect only: see <see cref="SocketOptions.WritableHighWaterMark"/>.</summary>
    public int? WritableHighWaterMark { get; init; }
    /// <summary>net.connect only: see <see cref="SocketOptions.TypeOfService"/>.</summary>
    public int? TypeOfService { get; init; }
    /// <summary>net.connect only: see <see cref="SocketOptions.OnRead"/>.</summary>
    public OnReadOptions? OnRead { get; init; }
    /// <summary>net.connect only: see <see cref="SocketOptions.CaptureRejections"/>.</summary>
    public bool? CaptureRejections { get; init; }
    /// <summary>net.connect only: see <see cref="SocketOptions.BlockList"/>.</summary>
    public Net.BlockList? BlockList { get; init; }
    /// <summary>net.connect only (as Node, where it is a Socket option): passed to the new Socket, see <see cref="SocketOptions.Signal"/>.</summary>
    public CancellationToken Signal { get; init; }
    /// <summary>net.connect only: the new Socket is an IPC socket (<see cref="SocketOptions.Ipc"/>); needs <see cref="Path"/>.</summary>
    public bool Ipc { get; init; }

    /// <summary>As util.inspect shows it in Node's error messages: only the properties that were set.</summary>
    string INodeInspectable.Inspect() => new InspectedProperties()
            .Add("port", Port)
            .Add("host", Host)
            .Add("path", Path)
            .Add("localAddress", LocalAddress)
            .Add("localPort", LocalPort)
            .Add("family", Family, 0)
            .Add("hints", Hints, 0)
            .Add("noDelay", NoDelay, false)
            .Add("keepAlive", KeepAlive, false)
            .Add("keepAliveInitialDelay", KeepAliveInitialDelay, 0.0)
            .Add("timeout", Timeout)
            .Add("autoSelectFamily", AutoSelectFamily)
            .Add("autoSelectFamilyAttemptTimeout", AutoSelectFamilyAttemptTimeout)
            .Add("allowHalfOpen", AllowHalfOpen, false)
            .Add("ipc", Ipc, false)
            .Add("highWaterMark", HighWaterMark)
            .Add("readableHighWaterMark", ReadableHighWaterMark)
            .Add("writableHighWaterMark", WritableHighWaterMark)
            .Add("typeOfService", TypeOfService)
            .Add("captureRejections", CaptureRejections)
            .ToString();
}
