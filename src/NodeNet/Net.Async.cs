namespace NodeNet;

public static partial class Net
{
    /// <summary>Connects a new socket (on the current loop, or <see cref="EventLoop.Default"/>); completes once connected.
    /// As <see cref="Net.Connect(ConnectOptions, Action?)"/>, <see cref="ConnectOptions.Timeout"/> becomes the socket's idle timeout.
    /// Cancelling destroys the socket and throws <see cref="OperationCanceledException"/>.</summary>
    public static async Task<Socket> ConnectAsync(ConnectOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        cancellationToken.ThrowIfCancellationRequested();
        options.Signal.ThrowIfCancellationRequested();
        var socket = new Socket(new SocketOptions { AllowHalfOpen = options.AllowHalfOpen, Signal = options.Signal, Ipc = options.Ipc });
        await socket.ConnectAsync(options, applyTimeout: true, cancellationToken).ConfigureAwait(false);
        return socket;
    }

    /// <summary>Connects to <paramref name="port"/> on <paramref name="host"/> (default localhost).</summary>
    public static Task<Socket> ConnectAsync(int port, string? host = null, CancellationToken cancellationToken = default) =>
        ConnectAsync(new ConnectOptions { Port = port, Host = host }, cancellationToken);

    /// <summary>Connects to a Unix domain socket path or Windows pipe name.</summary>
    public static Task<Socket> ConnectAsync(string path, CancellationToken cancellationToken = default) =>
        ConnectAsync(new ConnectOptions { Path = path ?? throw NodeErrors.InvalidArgType("path", "of type string", null) }, cancellationToken);
}
