using System.Net;

namespace NodeNet.Hosting;

/// <summary>One hosted NodeNet server: where it listens, how it serves, and what it does with each connection. Configured
/// as named options (<c>services.Configure&lt;NodeNetServerOptions&gt;(name, ...)</c> works too, for example to bind a
/// configuration section).</summary>
public sealed class NodeNetServerOptions
{
    /// <summary>Where to listen: a port (with an optional host), a Unix socket path or a Windows pipe name, as Node's
    /// <c>server.listen(options)</c>. Set this or <see cref="EndPoint"/>.</summary>
    public ListenOptions? Listen { get; set; }

    /// <summary>Where to listen, as .NET's type (IPEndPoint, DnsEndPoint, UnixDomainSocketEndPoint). Set this or <see cref="Listen"/>.</summary>
    public EndPoint? EndPoint { get; set; }

    /// <summary>The server's options: loops, maxConnections is set on the server itself, allowHalfOpen, noDelay...</summary>
    public ServerOptions Server { get; set; } = new();

    /// <summary>Called with the server before it listens, on its loop's thread: the place for <c>MaxConnections</c>,
    /// your own 'drop' or 'error' listeners.</summary>
    public Action<Server>? ConfigureServer { get; set; }

    /// <summary>Node style: called for each connection on its loop's thread, as a 'connection' listener is. An exception
    /// it throws destroys that connection and is logged. At shutdown, connections are ended (FIN) and then, at the host's
    /// deadline, destroyed. Set this or use <see cref="NodeNetServiceCollectionExtensions.AddNodeNetServer{THandler}"/>.</summary>
    public Action<Socket, IServiceProvider>? OnConnection { get; set; }

    /// <summary>The loop the server belongs to. Null (the default): a hosted loop of its own, started with the server and
    /// ended after it stops.</summary>
    public EventLoop? Loop { get; set; }

    /// <summary>What an uncaught exception on the server's own loop does (one thrown by an event listener of yours outside
    /// <see cref="OnConnection"/>): false (the default) logs it and serves on; true also stops the application, as Node's
    /// process would exit.</summary>
    public bool StopApplicationOnUncaughtException { get; set; }

    /// <summary>Set by AddNodeNetServer&lt;THandler&gt;: resolves the connection handler from a connection's DI scope.</summary>
    internal Func<IServiceProvider, INodeNetConnectionHandler>? HandlerFactory { get; set; }
}

/// <summary>Serves one connection, as an ASP.NET Core <c>ConnectionHandler</c> does: resolved from a DI scope of its own
/// for each connection. When the returned task completes the connection is ended gracefully (queued writes flushed, FIN)
/// and the scope disposed; if it faults, the connection is destroyed and the error logged.</summary>
public interface INodeNetConnectionHandler
{
    /// <summary>Serves <paramref name="socket"/>. Called on the connection's loop thread, where awaits continue too (the
    /// loop's SynchronizationContext): keep blocking work off it. <paramref name="stopping"/> is cancelled when the host
    /// begins to stop: finish what you are doing and return; at the host's shutdown deadline what is left is destroyed.</summary>
    Task OnConnectedAsync(Socket socket, CancellationToken stopping);
}
