namespace NodeNet;

/// <summary>What a server on several loops does when one of them fails (<see cref="ServerOptions.LoopFailure"/>).</summary>
public enum LoopFailurePolicy
{
    /// <summary>Serve on with the loops that are left; nothing is sent to the failed one.</summary>
    Continue,
    /// <summary>Start a new loop in the failed one's place (a loop of a <see cref="ServerOptions.LoopGroup"/> belongs to its
    /// owner, and is not replaced).</summary>
    Replace,
}
