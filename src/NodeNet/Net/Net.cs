namespace NodeNet;

/// <summary>Node's <c>net</c> module: createServer, connect/createConnection and isIP.</summary>
/// <remarks>Every function here works on the current thread's <see cref="EventLoop"/>.</remarks>
public static partial class Net
{
    /// <summary>net.createServer([options][, connectionListener]).</summary>
    public static Server CreateServer(ServerOptions? options = null, Action<Socket>? connectionListener = null) =>
        new(options, connectionListener);

    /// <summary>net.createServer(connectionListener).</summary>
    public static Server CreateServer(Action<Socket> connectionListener) => new(null, connectionListener);

    /// <summary>net.connect(port[, host][, connectListener]).</summary>
    public static Socket Connect(int port, string? host = null, Action? connectListener = null) =>
        Connect(new ConnectOptions { Port = port, Host = host }, connectListener);

    /// <summary>net.connect(port, connectListener).</summary>
    public static Socket Connect(int port, Action connectListener) => Connect(new ConnectOptions { Port = port }, connectListener);

    /// <summary>net.connect(path or port string[, connectListener]): a string that is not a non-negative number is a pipe path.</summary>
    public static Socket Connect(string pathOrPort, Action? connectListener = null)
    {
        if (pathOrPort is null) throw NodeErrors.InvalidArgType("path", "of type string", null);
        if (JsNumber.IsPipeName(pathOrPort)) return Connect(new ConnectOptions { Path = pathOrPort }, connectListener);
        return Connect(new ConnectOptions { Port = JsNumber.ParsePort(pathOrPort, "Port") }, connectListener);
    }

    /// <summary>net.connect(options[, connectListener]): a new Socket, with <c>Timeout</c> applied before connecting.</summary>
    public static Socket Connect(ConnectOptions options, Action? connectListener = null) =>
        Connect(EventLoop.Current ?? EventLoop.Default, options, connectListener);

    /// <summary>The options net.connect passes on to the new Socket.</summary>
    internal static SocketOptions SocketOptionsFor(ConnectOptions options) => new()
    {
        AllowHalfOpen = options.AllowHalfOpen, Signal = options.Signal, Ipc = options.Ipc,
        HighWaterMark = options.HighWaterMark, ReadableHighWaterMark = options.ReadableHighWaterMark,
        WritableHighWaterMark = options.WritableHighWaterMark,
        NoDelay = options.NoDelay, KeepAlive = options.KeepAlive, KeepAliveInitialDelay = options.KeepAliveInitialDelay,
        BlockList = options.BlockList, OnRead = options.OnRead, CaptureRejections = options.CaptureRejections,
        TypeOfService = options.TypeOfService,
    };

    internal static Socket Connect(EventLoop loop, ConnectOptions options, Action? connectListener)
    {
        NodeErrors.ThrowIfNull(options);
        var socket = new Socket(loop, SocketOptionsFor(options), handle: null);
        if (socket.Destroyed) return socket; // an aborted signal destroyed it (Node connects nothing then either)
        if (options.Timeout is { } t && t != 0) socket.SetTimeout(t); // Node: if (options.timeout)
        return socket.Connect(options, connectListener);
    }

    /// <summary>net.createConnection: the same function as <see cref="Connect(ConnectOptions, Action?)"/>.</summary>
    public static Socket CreateConnection(ConnectOptions options, Action? connectListener = null) => Connect(options, connectListener);
    /// <inheritdoc cref="Connect(int, string?, Action?)"/>
    public static Socket CreateConnection(int port, string? host = null, Action? connectListener = null) => Connect(port, host, connectListener);
    /// <inheritdoc cref="Connect(string, Action?)"/>
    public static Socket CreateConnection(string pathOrPort, Action? connectListener = null) => Connect(pathOrPort, connectListener);
}
