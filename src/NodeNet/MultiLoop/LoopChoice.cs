namespace NodeNet;

/// <summary>What <see cref="ServerOptions.ChooseLoop"/> sees about one accepted connection.</summary>
/// <param name="RemoteAddress">The peer's IP address; null for Unix sockets and pipes.</param>
/// <param name="RemotePort">The peer's port; null for Unix sockets and pipes.</param>
/// <param name="Connections">Connections each loop serves now, by loop index.</param>
public readonly record struct LoopChoice(string? RemoteAddress, int? RemotePort, IReadOnlyList<int> Connections)
{
    /// <summary>How many loops there are to choose from.</summary>
    public int LoopCount => Connections.Count;
}
