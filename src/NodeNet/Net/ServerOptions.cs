namespace NodeNet;

/// <summary>net.createServer(options).</summary>
public sealed record ServerOptions : INodeInspectable
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
    /// <summary>Readable and writable high-water mark of accepted sockets (65536 by default, as in Node 22 and later; 16384 on Windows, as there).</summary>
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

    /// <summary>As util.inspect shows it in Node's error messages: only the properties that were set.</summary>
    string INodeInspectable.Inspect() => new InspectedProperties()
            .Add("allowHalfOpen", AllowHalfOpen, false)
            .Add("pauseOnConnect", PauseOnConnect, false)
            .Add("noDelay", NoDelay, false)
            .Add("keepAlive", KeepAlive, false)
            .Add("keepAliveInitialDelay", KeepAliveInitialDelay, 0.0)
            .Add("highWaterMark", HighWaterMark)
            .Add("ipc", Ipc, false)
            .Add("loops", Loops, 1)
            .Add("loopMode", LoopMode, LoopMode.Pass)
            .Add("distribution", Distribution, LoopDistribution.RoundRobin)
            .Add("loopFailure", LoopFailure, LoopFailurePolicy.Continue)
            .Add("captureRejections", CaptureRejections)
            .ToString();
}
