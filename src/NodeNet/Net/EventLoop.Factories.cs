namespace NodeNet;

// Servers and sockets of a loop you choose (Net's functions use the current thread's loop, or EventLoop.Default).
public sealed partial class EventLoop
{
    /// <summary>net.createServer on this loop: its events and callbacks run on this loop's thread. Callable from any
    /// thread (nothing native is created until it listens), so a DI factory can build one without posting.</summary>
    public Server CreateServer(ServerOptions? options = null, Action<Socket>? connectionListener = null) =>
        new(this, options, connectionListener);

    /// <summary>net.createServer(connectionListener) on this loop.</summary>
    public Server CreateServer(Action<Socket> connectionListener) => new(this, null, connectionListener);

    /// <summary>new net.Socket on this loop, unconnected. Callable from any thread; connect it with
    /// <see cref="Socket.ConnectAsync(ConnectOptions, CancellationToken)"/> from anywhere, or Connect on this loop's thread.</summary>
    public Socket CreateSocket(SocketOptions? options = null)
    {
        if (options?.Fd != null) Uv.VerifyThread(); // wrapping a descriptor creates a handle
        return new Socket(this, options ?? new SocketOptions(), handle: null);
    }

    /// <summary>net.connect on this loop (call it on this loop's thread, as every Node-style member).</summary>
    public Socket Connect(ConnectOptions options, Action? connectListener = null) => Net.Connect(this, options, connectListener);

    /// <summary>Connects a new socket of this loop, from any thread; completes once connected (as
    /// <see cref="Net.ConnectAsync(ConnectOptions, CancellationToken)"/>).</summary>
    public Task<Socket> ConnectAsync(ConnectOptions options, CancellationToken cancellationToken = default) =>
        Net.ConnectAsync(this, options, cancellationToken);

    /// <summary>Connects a new socket of this loop to <paramref name="port"/> on <paramref name="host"/> (default localhost).</summary>
    public Task<Socket> ConnectAsync(int port, string? host = null, CancellationToken cancellationToken = default) =>
        ConnectAsync(new ConnectOptions { Port = port, Host = host }, cancellationToken);
}
