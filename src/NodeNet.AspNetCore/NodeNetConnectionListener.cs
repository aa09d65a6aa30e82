using System.IO.Pipelines;
using System.Net;
using System.Threading.Channels;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Logging;

namespace NodeNet.AspNetCore;

/// <summary>One Kestrel endpoint: a NodeNet server whose connections (on whichever loop they live) queue for Kestrel's
/// accept loop.</summary>
internal sealed partial class NodeNetConnectionListener : IConnectionListener
{
    private readonly Server _server;
    private readonly ILogger _logger;
    private readonly Channel<NodeNetConnection> _accepted = Channel.CreateUnbounded<NodeNetConnection>(
        new UnboundedChannelOptions { SingleReader = true, SingleWriter = false });

    private readonly PipeScheduler _applicationScheduler;

    public NodeNetConnectionListener(Server server, ILogger logger, PipeScheduler applicationScheduler)
    {
        _server = server;
        _logger = logger;
        _applicationScheduler = applicationScheduler;
    }

    /// <summary>The server's loop thread, before it listens.</summary>
    public void Attach()
    {
        _server.Logger = _logger;
        _server.Connection += OnConnection;
    }

    public EndPoint EndPoint { get; set; } = null!;

    /// <summary>The connection's loop thread.</summary>
    private void OnConnection(Socket socket)
    {
        var connection = new NodeNetConnection(socket, ConnectionIds.Next(), _applicationScheduler);
        if (!_accepted.Writer.TryWrite(connection)) socket.Destroy(); // unbound: Kestrel will not take it
    }

    public async ValueTask<ConnectionContext?> AcceptAsync(CancellationToken cancellationToken = default)
    {
        while (await _accepted.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            if (_accepted.Reader.TryRead(out var connection)) return connection;
        return null; // unbound
    }

    /// <summary>Stops accepting: the listening socket closes; open connections go on (Kestrel ends them).</summary>
    public ValueTask UnbindAsync(CancellationToken cancellationToken = default)
    {
        _accepted.Writer.TryComplete();
        if (!_server.Loop.TryPost(() => { if (_server.Listening) _server.Close(); }))
            Log.LoopAlreadyEnded(_logger);
        // Accepted but never taken by Kestrel: nobody will serve them.
        while (_accepted.Reader.TryRead(out var orphan)) orphan.Abort();
        return ValueTask.CompletedTask;
    }

    /// <summary>Destroys whatever is left of the server's connections and waits for its 'close'.</summary>
    public async ValueTask DisposeAsync()
    {
        await UnbindAsync().ConfigureAwait(false);
        await _server.DisposeAsync().ConfigureAwait(false);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = NodeNetLogEvents.TransportLoopAlreadyEnded, EventName = "TransportLoopAlreadyEnded", Level = LogLevel.Debug,
            Message = "The listener's loop had already ended")]
        public static partial void LoopAlreadyEnded(ILogger logger);
    }
}
