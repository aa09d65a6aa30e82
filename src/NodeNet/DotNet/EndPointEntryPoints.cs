namespace NodeNet;

// The Node API's entry points that take .NET's endpoint types: each turns the endpoint into Node's options and calls the
// Node-style member, so the Node API itself never names them.
public static partial class Net
{
    /// <summary>net.connect(endPoint[, connectListener]) for an <see cref="System.Net.IPEndPoint"/>, a
    /// <see cref="System.Net.DnsEndPoint"/> or a <see cref="System.Net.Sockets.UnixDomainSocketEndPoint"/>.</summary>
    public static Socket Connect(System.Net.EndPoint endPoint, Action? connectListener = null) =>
        Connect(EndPoints.ToConnectOptions(endPoint, nameof(endPoint)), connectListener);
}

public sealed partial class EventLoop
{
    /// <summary>Connects a new socket of this loop to an endpoint (IP, DNS or Unix domain socket).</summary>
    public Task<Socket> ConnectAsync(System.Net.EndPoint endPoint, CancellationToken cancellationToken = default) =>
        ConnectAsync(EndPoints.ToConnectOptions(endPoint, nameof(endPoint)), cancellationToken);
}

public sealed partial record AddressInfo
{
    /// <summary>The same endpoint as .NET's type: an <see cref="System.Net.IPEndPoint"/>, or a
    /// <see cref="System.Net.Sockets.UnixDomainSocketEndPoint"/> for a path (null for a Windows pipe name, which .NET has no
    /// endpoint type for).</summary>
    public System.Net.EndPoint? EndPoint => EndPoints.From(Address, Port, IsPipe);

    /// <summary><see cref="Family"/> as .NET's enum: InterNetwork, InterNetworkV6, or Unix for a path.</summary>
    public System.Net.Sockets.AddressFamily AddressFamily => EndPoints.FamilyOf(this);
}
