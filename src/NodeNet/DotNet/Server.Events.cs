using System.Net;
using Microsoft.Extensions.Logging;

namespace NodeNet;

// Typed .NET events (each a listener of the Node event of the same meaning, ServerEvents), the 'close' Task, .NET
// endpoints, and the server's own logger.
public sealed partial class Server
{
    /// <summary>Each built-in event and the types each of its arguments can have: declared once, here.</summary>
    private static readonly EventSignatures Signatures = new(
        new(ServerEvents.Listening),
        new(ServerEvents.Connection, [typeof(Socket)]),
        new(ServerEvents.Error, [typeof(Exception)]),
        new(ServerEvents.Close),
        new(ServerEvents.Drop, [typeof(DropInfo)]));

    private protected override EventSignatures BuiltInEvents => Signatures;
    private protected override EventLoop OwnerLoop => _loop;

    /// <summary>Node's net.Server rejection handler: a 'connection' listener's fault destroys that connection (on its own
    /// loop); any other event's becomes 'error'.</summary>
    private protected override void OnRejection(Exception error, string eventName, object?[] args)
    {
        if (eventName == ServerEvents.Connection && args.Length > 0 && args[0] is Socket socket)
            socket.Loop.RunOrPost(() => { if (!socket.Destroyed) socket.Destroy(error); });
        else EmitEvent("error", error);
    }

    /// <summary>'listening': bound and accepting. (Named so as not to clash with the <see cref="Listening"/> property.)</summary>
    public event Action ListeningStarted
    {
        add => AddTyped(ServerEvents.Listening, value, [], static (d, _) => ((Action)d)());
        remove => RemoveTyped(ServerEvents.Listening, value);
    }

    /// <summary>'connection': a new connection, raised on its own loop's thread (several threads on a multi-loop server).</summary>
    public event Action<Socket> Connection
    {
        add => AddTyped(ServerEvents.Connection, value, [typeof(Socket)], static (d, a) => ((Action<Socket>)d)((Socket)a[0]!));
        remove => RemoveTyped(ServerEvents.Connection, value);
    }

    /// <summary>'error': listen and accept errors.</summary>
    public event Action<Exception> Error
    {
        add => AddTyped(ServerEvents.Error, value, [typeof(Exception)], static (d, a) => ((Action<Exception>)d)((Exception)a[0]!));
        remove => RemoveTyped(ServerEvents.Error, value);
    }

    /// <summary>'close': stopped listening, and every connection has ended.</summary>
    public event Action Closed
    {
        add => AddTyped(ServerEvents.Close, value, [], static (d, _) => ((Action)d)());
        remove => RemoveTyped(ServerEvents.Close, value);
    }

    /// <summary>'drop': a connection closed at accept because <see cref="MaxConnections"/> was reached (null info for pipes).</summary>
    public event Action<DropInfo?> Dropped
    {
        add => AddTyped(ServerEvents.Drop, value, [typeof(DropInfo)], static (d, a) => ((Action<DropInfo?>)d)(a.Length > 0 ? (DropInfo?)a[0] : null));
        remove => RemoveTyped(ServerEvents.Drop, value);
    }

    private TaskCompletionSource<bool>? _completion;

    /// <summary>Completes at the server's next 'close' (also when its loop ends first). Never faults. Thread-safe.</summary>
    public Task Completion
    {
        get
        {
            var tcs = Volatile.Read(ref _completion);
            if (tcs != null) return tcs.Task;
            var created = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            tcs = Interlocked.CompareExchange(ref _completion, created, null) ?? created;
            if (tcs == created) LoopTask.Track(_loop, created, onEnded: static c => c.TrySetResult(true));
            return tcs.Task;
        }
    }

    /// <summary>Loop thread: 'close' was emitted; the next close is another one.</summary>
    private void CompleteClose() => Interlocked.Exchange(ref _completion, null)?.TrySetResult(true);

    /// <summary><see cref="Address()"/> as .NET's type: an <see cref="IPEndPoint"/>, or a
    /// <see cref="System.Net.Sockets.UnixDomainSocketEndPoint"/> for a path (null for a Windows pipe name, and before
    /// listening). Any thread, as <see cref="Address()"/>.</summary>
    public EndPoint? LocalEndPoint => Address()?.EndPoint;

    /// <summary>Listens on an <see cref="IPEndPoint"/> (<c>IPAddress.Any</c> is 0.0.0.0 only; <c>IPAddress.IPv6Any</c> is
    /// dual-stack, as <c>::</c>), a <see cref="DnsEndPoint"/>, or a <see cref="System.Net.Sockets.UnixDomainSocketEndPoint"/>.</summary>
    public Server Listen(EndPoint endPoint, Action? callback = null) =>
        Listen(EndPoints.ToListenOptions(endPoint, nameof(endPoint)), callback);

    /// <summary><see cref="Listen(EndPoint, Action?)"/> as a Task, from any thread.</summary>
    public Task<AddressInfo> ListenAsync(EndPoint endPoint, CancellationToken cancellationToken = default) =>
        ListenAsync(EndPoints.ToListenOptions(endPoint, nameof(endPoint)), cancellationToken);

    private ILogger? _logger;

    /// <summary>Where this server logs (listening, closing, drops, loops ending); <see cref="NodeNetLogging.LoggerFactory"/>'s
    /// "NodeNet" logger when null. Set before listening (NodeNet.Hosting gives each server a category of its own). Read
    /// from any thread; set on the loop thread.</summary>
    public ILogger? Logger { get => Volatile.Read(ref _logger); set { VerifyLoopThread(); _logger = value; } }

    /// <summary>Its connections' metric tags (set when it listens, read from any loop).</summary>
    internal KeyValuePair<string, object?>[] MetricTags { get; private set; } = NodeNetMetrics.Inbound;

    /// <summary>Any thread: this server's logger.</summary>
    internal ILogger Log => _logger ?? NodeNetLogging.Logger;
}
