namespace NodeNet;

/// <summary>How a server on several loops spreads connections (<see cref="ServerOptions.LoopMode"/>).</summary>
public enum LoopMode
{
    /// <summary>One listener; its loop accepts each connection and passes it to the chosen loop over an IPC pipe
    /// (uv_write2). Works everywhere and honours <see cref="ServerOptions.Distribution"/> exactly.</summary>
    Pass,
    /// <summary>One listener per loop with SO_REUSEPORT, and the kernel choosing (Linux, TCP). The distribution policy
    /// then is the kernel's; elsewhere, and for Unix sockets, the server falls back to <see cref="Pass"/>
    /// (<see cref="Server.LoopModeInUse"/> says which it uses).</summary>
    ReusePort,
}

/// <summary>What a server on several loops does when one of them fails (<see cref="ServerOptions.LoopFailure"/>).</summary>
public enum LoopFailurePolicy
{
    /// <summary>Serve on with the loops that are left; nothing is sent to the failed one.</summary>
    Continue,
    /// <summary>Start a new loop in the failed one's place (a loop of a <see cref="ServerOptions.LoopGroup"/> belongs to its
    /// owner, and is not replaced).</summary>
    Replace,
}

/// <summary>Which loop a passed connection goes to.</summary>
public enum LoopDistribution
{
    /// <summary>Each loop in turn.</summary>
    RoundRobin,
    /// <summary>The loop serving the fewest connections now (ties: the lowest index).</summary>
    LeastConnections,
}

/// <summary>What <see cref="ServerOptions.ChooseLoop"/> sees about one accepted connection.</summary>
/// <param name="RemoteAddress">The peer's IP address; null for Unix sockets and pipes.</param>
/// <param name="RemotePort">The peer's port; null for Unix sockets and pipes.</param>
/// <param name="Connections">Connections each loop serves now, by loop index.</param>
public readonly record struct LoopChoice(string? RemoteAddress, int? RemotePort, IReadOnlyList<int> Connections)
{
    /// <summary>How many loops there are to choose from.</summary>
    public int LoopCount => Connections.Count;
}
