namespace NodeNet.AspNetCore;

/// <summary>How Kestrel's connections are served by NodeNet.</summary>
public sealed class NodeNetTransportOptions
{
    /// <summary>Event loops (one thread each) that serve connections, shared by every endpoint Kestrel binds. Default: half
    /// the processors, at least one (as Kestrel's libuv transport had it). Each connection lives on one loop.</summary>
    public int Loops { get; set; } = Math.Max(1, Environment.ProcessorCount / 2);

    /// <summary>How connections reach the loops when there are several: passed by the accepting loop (the default, every
    /// platform) or SO_REUSEPORT listeners (Linux TCP; elsewhere it falls back to passing).</summary>
    public LoopMode LoopMode { get; set; } = LoopMode.Pass;

    /// <summary>TCP_NODELAY on every connection: true by default, as Kestrel's own transport. (Node's default is false;
    /// with HTTP that meets delayed ACKs at about 40 ms a response.)</summary>
    public bool NoDelay { get; set; } = true;

    /// <summary>listen(2) backlog (Kestrel's default, 512).</summary>
    public int Backlog { get; set; } = 512;

    /// <summary>Run Kestrel and the application inline on the connection's loop thread, with no thread switch per read (as
    /// Kestrel's <c>SocketTransportOptions.UnsafePreferInlineScheduling</c>): faster, but a request handler that blocks
    /// stalls every connection on that loop. False (the default): they continue on the thread pool.</summary>
    public bool UnsafePreferInlineScheduling { get; set; }

    /// <summary>Unix socket endpoints: remove a stale socket file left by a crashed process (a live server's is never taken).</summary>
    public bool ReclaimStaleUnixSockets { get; set; } = true;
}
