using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace NodeNet.Hosting;

/// <summary>
/// A NodeNet server run by the .NET host: it listens when the host starts and shuts down gracefully when it stops —
/// stop accepting, end the connections (Node-style ones get FIN, handlers see their stopping token), then destroy what is
/// left when the host's shutdown deadline comes. Resolve it by name to read its address:
/// <c>services.GetRequiredKeyedService&lt;NodeNetHostedServer&gt;("echo").Address</c>.
/// </summary>
public sealed partial class NodeNetHostedServer : IHostedService, IAsyncDisposable
{
    private readonly NodeNetServerOptions _options;
    private readonly IServiceProvider _services;
    private readonly IHostApplicationLifetime? _lifetime;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private readonly TaskCompletionSource<AddressInfo> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private EventLoop? _ownedLoop;
    private long _nextConnectionId;

    internal NodeNetHostedServer(string name, NodeNetServerOptions options, IServiceProvider services)
    {
        Name = name;
        _options = options;
        _services = services;
        _lifetime = services.GetService<IHostApplicationLifetime>();
        services.GetService<MeterFactoryBinding>(); // the host's IMeterFactory, if it has one, publishes NodeNet's metrics
        var loggerFactory = services.GetService<ILoggerFactory>();
        _logger = loggerFactory?.CreateLogger($"NodeNet.Server.{name}") ?? Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;
        if (options.OnConnection != null && options.HandlerFactory != null)
            throw new InvalidOperationException($"NodeNet server '{name}' has both OnConnection and a connection handler; give it one.");
        if (options.OnConnection == null && options.HandlerFactory == null)
            throw new InvalidOperationException($"NodeNet server '{name}' has nothing to do with its connections: set OnConnection, or use AddNodeNetServer<THandler>.");
    }

    /// <summary>The name it was added under.</summary>
    public string Name { get; }

    /// <summary>The server, once started.</summary>
    public Server? Server { get; private set; }

    /// <summary>Completes with the address once listening (faults if listening fails): useful with port 0.</summary>
    public Task<AddressInfo> Listening => _listening.Task;

    /// <summary>The address it listens on, once started.</summary>
    public AddressInfo? Address => _listening.Task.IsCompletedSuccessfully ? _listening.Task.Result : null;

    /// <summary>Listens. Faults (and so fails the host's start) when the server cannot listen.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var loop = _options.Loop ?? (_ownedLoop = EventLoop.StartHosted($"NodeNet {Name}"));
        if (_ownedLoop != null)
        {
            _ownedLoop.UncaughtException += OnUncaught;
            _ = _ownedLoop.Completion.ContinueWith(t => LoopEnded(t.Exception?.InnerException), TaskScheduler.Default);
        }
        var server = loop.CreateServer(_options.Server);
        Server = server;
        try
        {
            await loop.InvokeAsync(() =>
            {
                server.Logger = _logger;
                server.Connection += OnConnection;
                _options.ConfigureServer?.Invoke(server);
            }).WaitAsync(cancellationToken).ConfigureAwait(false);
            var listen = _options.EndPoint != null ? server.ListenAsync(_options.EndPoint, cancellationToken)
                : server.ListenAsync(_options.Listen ?? throw new InvalidOperationException(
                    $"NodeNet server '{Name}' has nowhere to listen: set Listen or EndPoint."), cancellationToken);
            var address = await listen.ConfigureAwait(false);
            _listening.TrySetResult(address);
        }
        catch (Exception e)
        {
            _listening.TrySetException(e);
            await DisposeLoopAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Stops gracefully: stop accepting and end the connections, then at <paramref name="cancellationToken"/>
    /// (the host's shutdown deadline) destroy what is left; completes once the server has closed.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        var server = Server;
        if (server == null || !_listening.Task.IsCompletedSuccessfully) { await DisposeLoopAsync().ConfigureAwait(false); return; }
        Log.Stopping(_logger, Name, Address?.ToString() ?? "");
        _stopping.Cancel();
        var closing = server.CloseAsync(cancellationToken); // stops accepting now; at the deadline destroys the rest
        if (_options.OnConnection != null) server.Loop.TryPost(() => server.EndAllConnections());
        try { await closing.ConfigureAwait(false); }
        // Not listening any more (ERR_SERVER_NOT_RUNNING), or its loop ended (ObjectDisposedException): nothing is left.
        catch (InvalidOperationException) { }
        Log.Stopped(_logger, Name, cancellationToken.IsCancellationRequested);
        await DisposeLoopAsync().ConfigureAwait(false);
    }

    /// <summary>Destroys what is left and ends the loop it started, if any. Idempotent (the container disposes it once
    /// as the named server and once as a hosted service).</summary>
    public async ValueTask DisposeAsync()
    {
        _stopping.Cancel();
        if (Server is { } server) await server.DisposeAsync().ConfigureAwait(false);
        await DisposeLoopAsync().ConfigureAwait(false);
    }

    private async Task DisposeLoopAsync()
    {
        var loop = Interlocked.Exchange(ref _ownedLoop, null);
        if (loop != null) await loop.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>The connection's loop thread.</summary>
    private void OnConnection(Socket socket)
    {
        long id = Interlocked.Increment(ref _nextConnectionId);
        var scope = new ConnectionScope(Name, id, socket.RemoteEndPoint?.ToString(), socket.LocalEndPoint?.ToString());
        using var logScope = _logger.BeginScope(scope);
        Log.Accepted(_logger, scope.ConnectionId, scope.Remote ?? "a local client");
        socket.Closed += info => Log.Closed(_logger, scope.ConnectionId, info.Reason, info.Error);
        if (_options.OnConnection is { } onConnection)
        {
            try { onConnection(socket, _services); }
            catch (Exception e)
            {
                Log.ConnectionFailed(_logger, scope.ConnectionId, e);
                socket.Destroy();
            }
            return;
        }
        _ = RunHandler(socket, scope);
    }

    private async Task RunHandler(Socket socket, ConnectionScope scope)
    {
        var services = _services.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope();
        try
        {
            var handler = _options.HandlerFactory!(services.ServiceProvider);
            await handler.OnConnectedAsync(socket, _stopping.Token).ConfigureAwait(true); // back on the loop, in the scope
            await socket.DisposeAsync().ConfigureAwait(false); // flush, FIN, close
        }
        catch (Exception e)
        {
            if (!(e is OperationCanceledException && _stopping.IsCancellationRequested)) Log.ConnectionFailed(_logger, scope.ConnectionId, e);
            socket.Abort();
        }
        finally
        {
            await services.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>The server's own loop: an exception no listener caught.</summary>
    private void OnUncaught(Exception error)
    {
        if (!_options.StopApplicationOnUncaughtException) { Log.Uncaught(_logger, Name, error); return; }
        Log.UncaughtStopping(_logger, Name, error);
        _lifetime?.StopApplication();
    }

    private void LoopEnded(Exception? error)
    {
        if (error == null) return;
        Log.LoopDied(_logger, Name, error);
        _lifetime?.StopApplication(); // the server is gone: an application without it should not look healthy
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = NodeNetLogEvents.HostedConnectionAccepted, EventName = "HostedConnectionAccepted", Level = LogLevel.Debug,
        Message = "Connection {ConnectionId} accepted from {Remote}")]
        public static partial void Accepted(ILogger logger, string connectionId, string remote);

        [LoggerMessage(EventId = NodeNetLogEvents.HostedConnectionClosed, EventName = "HostedConnectionClosed", Level = LogLevel.Debug,
        Message = "Connection {ConnectionId} closed: {Reason}")]
        public static partial void Closed(ILogger logger, string connectionId, SocketCloseReason reason, Exception? error);

        [LoggerMessage(EventId = NodeNetLogEvents.HostedConnectionFailed, EventName = "HostedConnectionFailed", Level = LogLevel.Error,
        Message = "Connection {ConnectionId} failed; it was destroyed")]
        public static partial void ConnectionFailed(ILogger logger, string connectionId, Exception error);

        [LoggerMessage(EventId = NodeNetLogEvents.HostedServerStopping, EventName = "HostedServerStopping", Level = LogLevel.Information,
        Message = "NodeNet server {Name} on {Address} is stopping: no new connections, open ones are ended")]
        public static partial void Stopping(ILogger logger, string name, string address);

        [LoggerMessage(EventId = NodeNetLogEvents.HostedServerStopped, EventName = "HostedServerStopped", Level = LogLevel.Information,
        Message = "NodeNet server {Name} stopped (connections left at the deadline destroyed: {Forced})")]
        public static partial void Stopped(ILogger logger, string name, bool forced);

        [LoggerMessage(EventId = NodeNetLogEvents.HostedUncaught, EventName = "HostedUncaught", Level = LogLevel.Error,
        Message = "Uncaught exception on NodeNet server {Name}'s loop; serving on")]
        public static partial void Uncaught(ILogger logger, string name, Exception error);

        [LoggerMessage(EventId = NodeNetLogEvents.HostedUncaughtStopping, EventName = "HostedUncaughtStopping", Level = LogLevel.Critical,
        Message = "Uncaught exception on NodeNet server {Name}'s loop; stopping the application")]
        public static partial void UncaughtStopping(ILogger logger, string name, Exception error);

        [LoggerMessage(EventId = NodeNetLogEvents.HostedLoopDied, EventName = "HostedLoopDied", Level = LogLevel.Critical,
        Message = "NodeNet server {Name}'s loop ended by an error; stopping the application")]
        public static partial void LoopDied(ILogger logger, string name, Exception error);
    }
}
