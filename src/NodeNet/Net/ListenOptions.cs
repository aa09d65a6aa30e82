namespace NodeNet;

/// <summary>server.listen(options).</summary>
public sealed record ListenOptions : INodeInspectable
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
    /// <summary>Pipe: the socket file's mode becomes 0444 (0666 with <see cref="WritableAll"/>), as in Node 24 and later;
    /// Node 22 and earlier added these bits to the file's mode instead. On Windows, the pipe is readable by everyone.</summary>
    public bool ReadableAll { get; init; }
    /// <summary>Pipe: the socket file's mode becomes 0222 (0666 with <see cref="ReadableAll"/>), as in Node 24 and later;
    /// Node 22 and earlier added these bits. On Windows, the pipe is writable by everyone.</summary>
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

    /// <summary>As util.inspect shows it in Node's error messages: only the properties that were set.</summary>
    string INodeInspectable.Inspect() => new InspectedProperties()
            .Add("port", Port)
            .Add("host", Host)
            .Add("path", Path)
            .Add("backlog", Backlog)
            .Add("exclusive", Exclusive, false)
            .Add("ipv6Only", Ipv6Only, false)
            .Add("reusePort", ReusePort, false)
            .Add("readableAll", ReadableAll, false)
            .Add("writableAll", WritableAll, false)
            .Add("fd", Fd)
            .Add("mode", (int?)Mode)
            .Add("reclaimStale", ReclaimStale, false)
            .Add("pendingInstances", PendingInstances)
            .ToString();
}
