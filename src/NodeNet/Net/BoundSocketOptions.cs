namespace NodeNet;

/// <summary>new net.BoundSocket(options) (Node 24.19 / 26.4): a TCP address to bind, or (Node 26.7) a pipe path. A
/// path excludes the TCP properties; leaving them null is how "not given" is told apart from false or 0.</summary>
public sealed record BoundSocketOptions : INodeInspectable
{
    /// <summary>A numeric IP address (no DNS lookup); null: 0.0.0.0, or :: with <see cref="Ipv6Only"/>.</summary>
    public string? Host { get; init; }
    /// <summary>0–65535; null or 0: a port the system picks.</summary>
    public int? Port { get; init; }
    /// <summary>IPV6_V6ONLY on the bound socket.</summary>
    public bool? Ipv6Only { get; init; }
    /// <summary>SO_REUSEPORT, so several sockets may bind the same address and port (Linux and the BSDs).</summary>
    public bool? ReusePort { get; init; }
    /// <summary>A Unix socket path (a leading '\0' is an abstract name, Linux only) or a Windows pipe name.</summary>
    public string? Path { get; init; }

    string INodeInspectable.Inspect() => new InspectedProperties()
        .Add("path", Path).Add("host", Host).Add("port", Port).Add("ipv6Only", Ipv6Only).Add("reusePort", ReusePort).ToString();
}
