namespace NodeNet;

/// <summary>net.createServer(options).</summary>
public sealed record ServerOptions
{
    /// <summary>Accepted sockets stay writable after the peer's FIN until you call End (default false).</summary>
    public bool AllowHalfOpen { get; init; }
    /// <summary>Accepted sockets start paused: nothing is read until Resume (default false).</summary>
    public bool PauseOnConnect { get; init; }
    /// <summary>TCP_NODELAY on each accepted socket.</summary>
    public bool NoDelay { get; init; }
    /// <summary>SO_KEEPALIVE on each accepted socket.</summary>
    public bool KeepAlive { get; init; }
    /// <summary>Keep-alive initial delay in ms; below 1000 leaves the OS default.</summary>
    public double KeepAliveInitialDelay { get; init; }
    /// <summary>Readable and writable high-water mark of accepted sockets (16384 by default, as Node 20).</summary>
    public int? HighWaterMark { get; init; }
    /// <summary>Serve connections on this many event loops, one thread each: the server's own loop and
    /// <c>Loops - 1</c> it starts when it listens and ends after 'close'. 1 (the default) is Node's single loop; at
    /// most <see cref="EventLoopGroup.MaxLoops"/>. Beyond Node (whose answer is the cluster module).</summary>
    public int Loops { get; init; } = 1;
    /// <summary>Serve connections on these loops instead (shared between servers, owned by the caller); the server's own
    /// loop then only accepts. Not together with <see cref="Loops"/>.</summary>
    public EventLoopGroup? LoopGroup { get; init; }
    /// <summary>How connections reach the loops: passed by the accepting loop (the default), or SO_REUSEPORT.</summary>
    public LoopMode LoopMode { get; init; }
    /// <summary>In <see cref="NodeNet.LoopMode.Pass"/>: which loop each connection goes to (round-robin by default).</summary>
    public LoopDistribution Distribution { get; init; }
    /// <summary>What a server on several loops does when one of them ends with an uncaught exception (and its connections
    /// with it): go on with the others (the default), or start a new loop in its place (<see cref="LoopFailurePolicy.Replace"/>,
    /// for loops the server started itself). Either way it emits 'error' (a <see cref="LoopFailedException"/>) to its
    /// listeners, logs it, and counts it in <see cref="Server.FailedLoops"/>. Beyond Node.</summary>
    public LoopFailurePolicy LoopFailure { get; init; }
    /// <summary>Accepted connections of a pipe server are IPC sockets (<see cref="Socket.IsIpc"/>): messages and handles.</summary>
    public bool Ipc { get; init; }
    /// <summary>In <see cref="NodeNet.LoopMode.Pass"/>: your own choice of loop (an index below <see cref="LoopChoice.LoopCount"/>),
    /// for example sticky by remote address. Runs on the accepting loop for each connection; overrides
    /// <see cref="Distribution"/>.</summary>
    public Func<LoopChoice, int>? ChooseLoop { get; init; }
    /// <summary>captureRejections for this server: a 'connection' listener whose Task faults destroys that connection.
    /// Null follows <see cref="EventEmitter.CaptureRejections"/>. (Node's net.Server ignores the option and honours only
    /// the process-wide setting; beyond Node.)</summary>
    public bool? CaptureRejections { get; init; }
    /// <summary>Peers to turn away: a TCP connection from an address it blocks is closed at accept, silently (no
    /// 'connection', no 'drop'), as Node 22.13+ does. Node 20 has no such option.</summary>
    public Net.BlockList? BlockList { get; init; }
}

/// <summary>server.listen(options).</summary>
public sealed record ListenOptions
{
    /// <summary>TCP port; 0 lets the OS pick. Takes precedence over <see cref="Path"/>. As in Node 20, options with neither
    /// a port nor a path (a host alone included) are refused with ERR_INVALID_ARG_VALUE.</summary>
    public int? Port { get; init; }
    /// <summary>Host name or IP to bind; resolved asynchronously. Default: <c>::</c> dual-stack, falling back to <c>0.0.0.0</c>.</summary>
    public string? Host { get; init; }
    /// <summary>Unix domain socket path (or Windows pipe name).</summary>
    public string? Path { get; init; }
    /// <summary>listen(2) backlog; 0 or null means 511.</summary>
    public int? Backlog { get; init; }
    /// <summary>Accepted for compatibility; it only matters for Node's cluster module.</summary>
    public bool Exclusive { get; init; }
    /// <summary>IPV6_V6ONLY: an IPv6 host does not also accept IPv4.</summary>
    public bool Ipv6Only { get; init; }
    /// <summary>SO_REUSEPORT (Linux): several servers may listen on the same port.</summary>
    public bool ReusePort { get; init; }
    /// <summary>Pipe: make the socket file readable by all users.</summary>
    public bool ReadableAll { get; init; }
    /// <summary>Pipe: make the socket file writable by all users.</summary>
    public bool WritableAll { get; init; }
    /// <summary>Adopt an already-bound socket descriptor (e.g. from systemd socket activation).</summary>
    public int? Fd { get; init; }
    /// <summary>Pipe: the socket file's permission bits (e.g. <c>UnixFileMode.UserRead | UnixFileMode.UserWrite |
    /// UnixFileMode.GroupRead | UnixFileMode.GroupWrite</c> for 0o660), set exactly, whatever the umask. On Linux the file
    /// has them from the moment it exists (they are set on the socket before bind, and never through a symbolic link);
    /// elsewhere they are applied between bind and listen. Either way no client connects under looser ones. Beyond Node.</summary>
    public UnixFileMode? Mode { get; init; }
    /// <summary>Pipe: if the path is a socket nobody accepts on (connect gives ECONNREFUSED), remove it and listen.
    /// A live server's path is never taken over. Beyond Node.</summary>
    public bool ReclaimStale { get; init; }
    /// <summary>Closes the server when cancelled (Node's <c>signal</c>).</summary>
    public CancellationToken Signal { get; init; }
    /// <summary>Windows named pipes: how many pipe instances wait for clients at once (libuv's default is 4; more lets
    /// bursts of clients connect without ERROR_PIPE_BUSY). Node reads it from NODE_PENDING_PIPE_INSTANCES, which is used
    /// when this is null. Ignored elsewhere. Beyond Node.</summary>
    public int? PendingInstances { get; init; }
}

/// <summary>new net.Socket(options).</summary>
public sealed record SocketOptions
{
    /// <summary>Stay writable after the peer's FIN until End is called.</summary>
    public bool AllowHalfOpen { get; init; }
    /// <summary>Wrap an existing socket descriptor.</summary>
    public int? Fd { get; init; }
    /// <summary>With <see cref="Fd"/>: allow reads.</summary>
    public bool Readable { get; init; } = true;
    /// <summary>With <see cref="Fd"/>: allow writes.</summary>
    public bool Writable { get; init; } = true;
    /// <summary>Readable and writable high-water mark (16384 by default, as Node 20); negative values mean the default.</summary>
    public int? HighWaterMark { get; init; }
    /// <summary>The readable side's high-water mark when <see cref="HighWaterMark"/> is not given (Node's stream option).</summary>
    public int? ReadableHighWaterMark { get; init; }
    /// <summary>The writable side's high-water mark when <see cref="HighWaterMark"/> is not given (Node's stream option).</summary>
    public int? WritableHighWaterMark { get; init; }
    /// <summary>TCP_NODELAY once connected (Node's <c>noDelay</c> socket option).</summary>
    public bool NoDelay { get; init; }
    /// <summary>SO_KEEPALIVE once connected (Node's <c>keepAlive</c> socket option).</summary>
    public bool KeepAlive { get; init; }
    /// <summary>Keep-alive initial delay in ms; below 1000 leaves the OS default.</summary>
    public double KeepAliveInitialDelay { get; init; }
    /// <summary>Node's <c>signal</c>: cancelling it destroys the socket with an AbortError (ABORT_ERR); already cancelled,
    /// the new socket is destroyed at once.</summary>
    public CancellationToken Signal { get; init; }
    /// <summary>The IP type-of-service byte for the connection (0–255), as <see cref="Socket.SetTypeOfService"/> (Node 24.15+).</summary>
    public int? TypeOfService { get; init; }
    /// <summary>Node's <c>onread</c>: reads go into your buffer and your callback, with no 'data' events (see
    /// <see cref="OnReadOptions"/>). 'end' and 'close' come as usual.</summary>
    public OnReadOptions? OnRead { get; init; }
    /// <summary>Node's <c>captureRejections</c> for this socket: an async listener whose Task faults destroys it with the
    /// error. Null follows <see cref="EventEmitter.CaptureRejections"/>.</summary>
    public bool? CaptureRejections { get; init; }
    /// <summary>Destinations not to connect to: connecting to an address it blocks fails with ERR_IP_BLOCKED, as in
    /// Node 22.13+ (Node 20 has no such option).</summary>
    public Net.BlockList? BlockList { get; init; }
    /// <summary>Connect to a path as an IPC socket (Node's <c>ipc</c> pipe): it carries messages and handles
    /// (<see cref="Socket.SendHandle(Server, ReadOnlyMemory{byte}, Action{Exception?}?)"/>), not a byte stream.</summary>
    public bool Ipc { get; init; }
}

/// <summary>socket.connect(options) / net.connect(options).</summary>
public sealed record ConnectOptions
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
    /// <see cref="Net.GetDefaultAutoSelectFamilyAttemptTimeout"/> (250).</summary>
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
}

/// <summary>Node's <c>onread: { buffer, callback }</c>: each read lands in <see cref="Buffer"/> (or a buffer
/// <see cref="BufferFactory"/> returns for that read) and <see cref="Callback"/> gets (bytes read, the buffer); returning
/// false pauses reading until <see cref="Socket.Resume"/>. The buffer is reused: copy what you keep.</summary>
public sealed record OnReadOptions
{
    /// <summary>The buffer every read goes into.</summary>
    public byte[]? Buffer { get; init; }
    /// <summary>Instead of <see cref="Buffer"/>: called for each read, returns the buffer to read into.</summary>
    public Func<byte[]>? BufferFactory { get; init; }
    /// <summary>(bytes read, buffer) after each read; false pauses.</summary>
    public required Func<int, byte[], bool> Callback { get; init; }
}

/// <summary>server.address() / socket.address(): an IP endpoint, or a pipe path.</summary>
public sealed record AddressInfo
{
    /// <summary>IP address, or the pipe path for IPC.</summary>
    public required string Address { get; init; }
    /// <summary>"IPv4" or "IPv6"; null for pipes.</summary>
    public string? Family { get; init; }
    /// <summary>TCP port; 0 for pipes.</summary>
    public int Port { get; init; }
    /// <summary>True when <see cref="Address"/> is a pipe path.</summary>
    public bool IsPipe => Family == null;

    /// <summary>The same endpoint as .NET's type: an <see cref="System.Net.IPEndPoint"/>, or a
    /// <see cref="System.Net.Sockets.UnixDomainSocketEndPoint"/> for a path (null for a Windows pipe name, which .NET has no
    /// endpoint type for).</summary>
    public System.Net.EndPoint? EndPoint => EndPoints.From(Address, Port, IsPipe);

    /// <summary><see cref="Family"/> as .NET's enum: InterNetwork, InterNetworkV6, or Unix for a path.</summary>
    public System.Net.Sockets.AddressFamily AddressFamily => EndPoints.FamilyOf(this);

    /// <summary>"127.0.0.1:8124", "[::1]:8124" or the pipe path.</summary>
    public override string ToString() => IsPipe ? Address : Family == "IPv6" ? $"[{Address}]:{Port}" : $"{Address}:{Port}";
}
