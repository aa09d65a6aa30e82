namespace NodeNet;

/// <summary>server.address() / socket.address(): an IP endpoint, or a pipe path.</summary>
public sealed partial record AddressInfo
{
    /// <summary>IP address, or the pipe path for IPC.</summary>
    public required string Address { get; init; }
    /// <summary>"IPv4" or "IPv6"; null for pipes.</summary>
    public string? Family { get; init; }
    /// <summary>TCP port; 0 for pipes.</summary>
    public int Port { get; init; }
    /// <summary>True when <see cref="Address"/> is a pipe path.</summary>
    public bool IsPipe => Family == null;

    /// <summary>"127.0.0.1:8124", "[::1]:8124" or the pipe path.</summary>
    public override string ToString() => IsPipe ? Address : Family == "IPv6" ? $"[{Address}]:{Port}" : $"{Address}:{Port}";

    /// <summary>What getsockname or getpeername wrote, as Node's address object.</summary>
    internal static unsafe AddressInfo From(Native.SockAddrStorage* sa) =>
        new() { Address = Native.SockAddr.Address((byte*)sa), Family = Native.SockAddr.FamilyName((byte*)sa), Port = Native.SockAddr.Port((byte*)sa) };
}
