namespace NodeNet;

public static partial class Net
{
    /// <summary>Connects a new socket (on the current loop, or <see cref="EventLoop.Default"/>); completes once connected.
    /// As <see cref="Net.Connect(ConnectOptions, Action?)"/>, <see cref="ConnectOptions.Timeout"/> becomes the socket's idle timeout.
    /// Cancelling destroys the socket and throws <see cref="OperationCanceledException"/>.</summary>
    public static Task<Socket> ConnectAsync(ConnectOptions options, CancellationToken cancellationToken = default) =>
        ConnectAsync(EventLoop.Current ?? EventLoop.Default, options, cancellationToken);

    /// <summary>Connects a new socket of <paramref name="loop"/>; see <see cref="ConnectAsync(ConnectOptions, CancellationToken)"/>.</summary>
    internal static async Task<Socket> ConnectAsync(EventLoop loop, ConnectOptions options, CancellationToken cancellationToken)
    {
        NodeErrors.ThrowIfNull(options);
        cancellationToken.ThrowIfCancellationRequested();
        options.Signal.ThrowIfCancellationRequested();
        // The signal is attached on the loop, after the error sink: an abort that comes before the connect starts must
        // end this task, never reach the loop as an 'error' nobody listens to.
        var socket = new Socket(loop, SocketOptionsFor(options) with { Signal = default }, handle: null);
        await socket.ConnectAsync(options, applyTimeout: true, cancellationToken, options.Signal).ConfigureAwait(false);
        return socket;
    }

    /// <summary>Connects to an <see cref="System.Net.IPEndPoint"/>, <see cref="System.Net.DnsEndPoint"/> or
    /// <see cref="System.Net.Sockets.UnixDomainSocketEndPoint"/>.</summary>
    public static Task<Socket> ConnectAsync(System.Net.EndPoint endPoint, CancellationToken cancellationToken = default) =>
        ConnectAsync(EndPoints.ToConnectOptions(endPoint, nameof(endPoint)), cancellationToken);

    /// <summary>Connects to <paramref name="port"/> on <paramref name="host"/> (default localhost).</summary>
    public static Task<Socket> ConnectAsync(int port, string? host = null, CancellationToken cancellationToken = default) =>
        ConnectAsync(new ConnectOptions { Port = port, Host = host }, cancellationToken);

    /// <summary>Connects to a Unix domain socket path or Windows pipe name.</summary>
    public static Task<Socket> ConnectAsync(string path, CancellationToken cancellationToken = default) =>
        ConnectAsync(new ConnectOptions { Path = path ?? throw NodeErrors.InvalidArgType("path", "of type string", null) }, cancellationToken);
}
