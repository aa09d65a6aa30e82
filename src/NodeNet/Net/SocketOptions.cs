namespace NodeNet;

/// <summary>new net.Socket(options).</summary>
public sealed record SocketOptions : INodeInspectable
{
    /// <summary>Stay writable after the peer's FIN until End is called.</summary>
    public bool AllowHalfOpen { get; init; }
    /// <summary>Wrap an existing socket descriptor.</summary>
    public int? Fd { get; init; }
    /// <summary>Node's <c>handle</c> option with a <see cref="BoundSocket"/> (Node 24.19): connect from its address or path.
    /// The socket owns it from then on; it reads once connected.</summary>
    public BoundSocket? Handle { get; init; }
    /// <summary>With <see cref="Fd"/>: allow reads.</summary>
    public bool Readable { get; init; } = true;
    /// <summary>With <see cref="Fd"/>: allow writes.</summary>
    public bool Writable { get; init; } = true;
    /// <summary>Readable and writable high-water mark (65536 by default, as in Node 22 and later; 16384 on Windows, as there); negative values mean the default.</summary>
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

    /// <summary>As util.inspect shows it in Node's error messages: only the properties that were set.</summary>
    string INodeInspectable.Inspect() => new InspectedProperties()
            .Add("allowHalfOpen", AllowHalfOpen, false)
            .Add("fd", Fd)
            .Add("handle", Handle == null ? null : "BoundSocket")
            .Add("readable", Readable, true)
            .Add("writable", Writable, true)
            .Add("highWaterMark", HighWaterMark)
            .Add("ipc", Ipc, false)
            .Add("readableHighWaterMark", ReadableHighWaterMark)
            .Add("writableHighWaterMark", WritableHighWaterMark)
            .Add("noDelay", NoDelay, false)
            .Add("keepAlive", KeepAlive, false)
            .Add("keepAliveInitialDelay", KeepAliveInitialDelay, 0.0)
            .Add("typeOfService", TypeOfService)
            .Add("captureRejections", CaptureRejections)
            .ToString();
}
