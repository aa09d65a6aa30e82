using System.Net;
using System.Net.Sockets;

namespace NodeNet;

/// <summary>Between .NET's endpoints and Node's (host, port) or path.</summary>
internal static class EndPoints
{
    /// <summary>An IP endpoint, or for a path a <see cref="UnixDomainSocketEndPoint"/>; null for a Windows pipe name, and for a
    /// path .NET's endpoint cannot hold (longer than sun_path: a server whose listen failed still names it).</summary>
    public static EndPoint? From(string address, int port, bool isPipe)
    {
        if (!isPipe) return IPAddress.TryParse(address, out var ip) ? new IPEndPoint(ip, port) : null;
        if (OperatingSystem.IsWindows() && address.StartsWith(@"\\", StringComparison.Ordinal)) return null;
        try { return new UnixDomainSocketEndPoint(address); }
        catch (ArgumentException) { return null; }
    }

    /// <summary>The listen options <paramref name="endPoint"/> stands for.</summary>
    public static ListenOptions ToListenOptions(EndPoint endPoint, string paramName) => Split(endPoint, paramName) switch
    {
        (null, _, string path, _) => new ListenOptions { Path = path },
        (string host, int port, _, _) => new ListenOptions { Host = host, Port = port },
        _ => throw Unsupported(endPoint, paramName),
    };

    /// <summary>The connect options <paramref name="endPoint"/> stands for.</summary>
    public static ConnectOptions ToConnectOptions(EndPoint endPoint, string paramName) => Split(endPoint, paramName) switch
    {
        (null, _, string path, _) => new ConnectOptions { Path = path },
        (string host, int port, _, int family) => new ConnectOptions { Host = host, Port = port, Family = family },
        _ => throw Unsupported(endPoint, paramName),
    };

    private static (string? host, int port, string? path, int family) Split(EndPoint endPoint, string paramName)
    {
        NodeErrors.ThrowIfNull(endPoint, paramName);
        return endPoint switch
        {
            IPEndPoint ip => (ip.Address.ToString(), ip.Port, null, ip.AddressFamily == AddressFamily.InterNetworkV6 ? 6 : 4),
            DnsEndPoint dns => (dns.Host, dns.Port, null,
                dns.AddressFamily switch { AddressFamily.InterNetwork => 4, AddressFamily.InterNetworkV6 => 6, _ => 0 }),
            UnixDomainSocketEndPoint unix => (null, 0, PathOf(unix), 0),
            _ => (null, 0, null, 0),
        };
    }

    /// <summary>The path as bound, abstract names (a leading NUL) included: ToString() shows those as "@name".</summary>
    private static string PathOf(UnixDomainSocketEndPoint endPoint)
    {
        SocketAddress sa = endPoint.Serialize();
        var bytes = new byte[sa.Size - 2]; // after sa_family
        for (int i = 0; i < bytes.Length; i++) bytes[i] = sa[i + 2];
        int length = bytes.Length;
        if (length > 0 && bytes[0] != 0) { int nul = Array.IndexOf(bytes, (byte)0); if (nul >= 0) length = nul; }
        return System.Text.Encoding.UTF8.GetString(bytes, 0, length);
    }

    private static NodeNetArgumentException Unsupported(EndPoint endPoint, string paramName) =>
        NodeErrors.InvalidArgType(paramName, "an instance of IPEndPoint, DnsEndPoint or UnixDomainSocketEndPoint", endPoint);

    public static AddressFamily FamilyOf(AddressInfo info) =>
        info.IsPipe ? AddressFamily.Unix : info.Family == "IPv6" ? AddressFamily.InterNetworkV6 : AddressFamily.InterNetwork;
}
