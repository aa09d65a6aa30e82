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
