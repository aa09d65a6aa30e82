using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace NodeNet.AspNetCore;

/// <summary>Kestrel's transport factory for NodeNet: binds IP and Unix socket endpoints; every listener spreads its
/// connections over the same loops (<see cref="NodeNetTransportOptions.Loops"/>).</summary>
public sealed class NodeNetTransportFactory : IConnectionListenerFactory, IConnectionListenerFactorySelector, IAsyncDisposable
{
    private readonly NodeNetTransportOptions _options;
    private readonly ILoggerFactory _loggerFactory;
    private readonly object _gate = new();
    private EventLoopGroup? _loops;

    /// <summary>Created by the container (see UseNodeNet).</summary>
    public NodeNetTransportFactory(IOptions<NodeNetTransportOptions> options, ILoggerFactory loggerFactory)
    {
        _options = options.Value;
        _loggerFactory = loggerFactory;
        if (_options.Loops is < 1 or > EventLoopGroup.MaxLoops)
            throw new ArgumentOutOfRangeException(nameof(options), _options.Loops, $"NodeNetTransportOptions.Loops must be from 1 to {EventLoopGroup.MaxLoops}.");
    }

    /// <summary>IP endpoints everywhere; Unix socket endpoints where they are Unix sockets (not on Windows, where libuv's
    /// pipes are named pipes).</summary>
    public bool CanBind(EndPoint endpoint) =>
        endpoint is IPEndPoint || endpoint is UnixDomainSocketEndPoint && !OperatingSystem.IsWindows();

    /// <summary>Listens on <paramref name="endpoint"/>; the listener's EndPoint has the port the system chose for port 0.</summary>
    public async ValueTask<IConnectionListener> BindAsync(EndPoint endpoint, CancellationToken cancellationToken = default)
    {
        if (!CanBind(endpoint)) throw new NotSupportedException($"NodeNet's Kestrel transport cannot bind {endpoint.GetType().Name} {endpoint}.");
        var loops = Loops();
        var accepting = loops.Loops[0];
        var server = accepting.CreateServer(new ServerOptions
        {
            // Kestrel decides when a connection ends; the pipe view behaves as allowHalfOpen anyway.
            AllowHalfOpen = true,
            NoDelay = _options.NoDelay,
            LoopGroup = loops.Count > 1 ? loops : null,
            LoopMode = _options.LoopMode,
        });
        var listener = new NodeNetConnectionListener(server, _loggerFactory.CreateLogger("NodeNet.AspNetCore"),
            _options.UnsafePreferInlineScheduling ? System.IO.Pipelines.PipeScheduler.Inline : System.IO.Pipelines.PipeScheduler.ThreadPool);
        await accepting.InvokeAsync(listener.Attach).ConfigureAwait(false);
        var listen = endpoint switch
        {
            IPEndPoint ip => new ListenOptions { Host = ip.Address.ToString(), Port = ip.Port, Backlog = _options.Backlog },
            _ => new ListenOptions { Path = ((UnixDomainSocketEndPoint)endpoint).ToString(), Backlog = _options.Backlog, ReclaimStale = _options.ReclaimStaleUnixSockets },
        };
        var address = await server.ListenAsync(listen, cancellationToken).ConfigureAwait(false);
        listener.EndPoint = endpoint is IPEndPoint bound ? new IPEndPoint(bound.Address, address.Port) : endpoint;
        return listener;
    }

    private EventLoopGroup Loops()
    {
        lock (_gate) return _loops ??= EventLoopGroup.Start(_options.Loops, "NodeNet Kestrel loop");
    }

    /// <summary>Ends the loops (the container disposes the factory after Kestrel has stopped its listeners).</summary>
    public async ValueTask DisposeAsync()
    {
        EventLoopGroup? loops;
        lock (_gate) { loops = _loops; _loops = null; }
        if (loops != null) await loops.DisposeAsync().ConfigureAwait(false);
    }
}
