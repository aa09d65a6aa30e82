namespace NodeNet;

/// <summary>Which loop a passed connection goes to.</summary>
public enum LoopDistribution
{
    /// <summary>Each loop in turn.</summary>
    RoundRobin,
    /// <summary>The loop serving the fewest connections now (ties: the lowest index).</summary>
    LeastConnections,
}
