using System.IO.Pipelines;
using System.Net;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http.Features;

namespace NodeNet.AspNetCore;

/// <summary>A Kestrel connection over a NodeNet socket: its transport is the socket's pipe view (libuv reads into the
/// pipe's memory and writes from it), and it lives on the socket's loop.</summary>
internal sealed class NodeNetConnection : ConnectionContext, IConnectionIdFeature, IConnectionTransportFeature,
    IConnectionItemsFeature, IConnectionLifetimeFeature, IConnectionEndPointFeature, INodeNetSocketFeature
{
    private readonly Socket _socket;
    private readonly CancellationTokenSource _closed = new();
    private readonly FeatureCollection _features = new();
    private IDictionary<object, object?>? _items;

    /// <summary>The socket's loop thread, in its 'connection' event.</summary>
    public NodeNetConnection(Socket socket, string id, PipeScheduler applicationScheduler)
    {
        _socket = socket;
        ConnectionId = id;
        LocalEndPoint = socket.LocalEndPoint;
        RemoteEndPoint = socket.RemoteEndPoint;
        PeerCredentials = socket.PeerCredentials;
        Transport = socket.AsPipe(applicationScheduler, ResetAsConnectionReset.Map);
        // Kestrel's RequestAborted and friends hang off this; their callbacks must not run on the loop thread.
        socket.Closed += _ => ThreadPool.UnsafeQueueUserWorkItem(static c => c.Cancel(), _closed, preferLocal: false);
        _features.Set<IConnectionIdFeature>(this);
        _features.Set<IConnectionTransportFeature>(this);
        _features.Set<IConnectionItemsFeature>(this);
        _features.Set<IConnectionLifetimeFeature>(this);
        _features.Set<IConnectionEndPointFeature>(this);
        _features.Set<INodeNetSocketFeature>(this);
    }

    public override string ConnectionId { get; set; }

    public override IFeatureCollection Features => _features;

    public override IDictionary<object, object?> Items
    {
        get => _items ??= new Dictionary<object, object?>();
        set => _items = value;
    }

    public override IDuplexPipe Transport { get; set; }

    public override EndPoint? LocalEndPoint { get; set; }

    public override EndPoint? RemoteEndPoint { get; set; }

    public override CancellationToken ConnectionClosed { get => _closed.Token; set => throw new NotSupportedException(); }

    public Socket Socket => _socket;

    public PeerCredentials? PeerCredentials { get; }

    /// <summary>Any thread: destroys the socket (Kestrel aborts a connection it gives up on, or at its shutdown deadline).</summary>
    public override void Abort(ConnectionAbortedException abortReason) => _socket.Abort();

    /// <summary>Kestrel is done with it: what it wrote goes out, then FIN, and the socket closes (never waiting on the peer).</summary>
    public override async ValueTask DisposeAsync()
    {
        Transport.Input.Complete();
        await _socket.DisposeAsync().ConfigureAwait(false);
    }
}
