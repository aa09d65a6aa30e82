using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace NodeNet;

// The Task-based API. Every method may be called from any thread: the work runs on the server's loop.
public sealed partial class Server : IAsyncEnumerable<Socket>
{
    /// <summary><see cref="Listen(ReceivedHandle, Action?)"/> from any thread; completes at 'listening' with the address.</summary>
    public Task<AddressInfo> ListenAsync(ReceivedHandle handle, CancellationToken cancellationToken = default)
    {
        NodeErrors.ThrowIfNull(handle);
        return EventTask.Until(_loop, this, "listening", () => Address()!, () => { if (!HasListeners("connection")) EnsureAcceptQueue(); Listen(handle); },
            cancellationToken, cancel: () => Close(), failEvent: ("close", () => NodeErrors.ServerNotRunning()));
    }

    /// <summary>Listens; completes at 'listening' with the bound address, faults with the listen error. On a server with no
    /// 'connection' listener, connections accepted from then on are queued for <c>await foreach</c>.
    /// Cancelling <paramref name="cancellationToken"/> or <see cref="ListenOptions.Signal"/> before then closes the server
    /// and cancels the task; an already-cancelled one does not listen at all.</summary>
    public Task<AddressInfo> ListenAsync(ListenOptions options, CancellationToken cancellationToken = default)
    {
        NodeErrors.ThrowIfNull(options);
        if (options.Signal.IsCancellationRequested) return Task.FromCanceled<AddressInfo>(options.Signal);
        // With nobody listening for 'connection', the accept queue comes first: connections then wait for an
        // enumerator instead of being missed. A server with a 'connection' listener handles them there, so nothing
        // queues (an unread queue would keep every connection ever accepted).
        return EventTask.Until(_loop, this, "listening", () => Address()!, () =>
            {
                if (!HasListeners("connection")) EnsureAcceptQueue();
                Listen(options);
            },
            cancellationToken, cancel: () => Close(),
            failEvent: ("close", () => options.Signal.IsCancellationRequested
                ? new OperationCanceledException(options.Signal) : NodeErrors.ServerNotRunning()));
    }

    /// <summary>Listens on <paramref name="port"/> (0: any) and <paramref name="host"/> (default: every interface).</summary>
    public Task<AddressInfo> ListenAsync(int port, string? host = null, CancellationToken cancellationToken = default) =>
        ListenAsync(new ListenOptions { Port = port, Host = host }, cancellationToken);

    /// <summary>Listens on a Unix domain socket path or Windows pipe name.</summary>
    public Task<AddressInfo> ListenAsync(string path, CancellationToken cancellationToken = default) =>
        ListenAsync(new ListenOptions { Path = path ?? throw NodeErrors.InvalidArgType("path", "of type string", null) }, cancellationToken);

    private Channel<Socket>? _acceptQueue;

    /// <summary>Loop thread: queue every accepted connection until the server closes.</summary>
    private Channel<Socket> EnsureAcceptQueue()
    {
        if (_acceptQueue is { } existing && !existing.Reader.Completion.IsCompleted) return existing;
        var queue = Channel.CreateUnbounded<Socket>();
        Action<Socket> onConnection = s => queue.Writer.TryWrite(s);
        Action? onClose = null;
        // A loop that ends closes the server without 'close': the enumeration ends all the same.
        var ended = _loop.EndedToken.UnsafeRegister(static q => ((Channel<Socket>)q!).Writer.TryComplete(), queue);
        onClose = () => { ended.Dispose(); queue.Writer.TryComplete(); Off("connection", onConnection); Off("close", onClose!); };
        On("connection", onConnection);
        On("close", onClose);
        return _acceptQueue = queue;
    }

    /// <summary>Accepted connections, as Node's <c>server[Symbol.asyncIterator]</c>: <c>await foreach (var socket in server)</c>.
    /// Ends when the server emits 'close'. After <see cref="ListenAsync(ListenOptions, CancellationToken)"/> on a server with no
    /// 'connection' listener, connections accepted before enumeration starts are queued, not missed.</summary>
    public async IAsyncEnumerator<Socket> GetAsyncEnumerator(CancellationToken cancellationToken = default)
    {
        var subscribed = new TaskCompletionSource<Channel<Socket>?>(TaskCreationOptions.RunContinuationsAsynchronously);
        var subscribing = LoopTask.Track(_loop, subscribed, onEnded: static s => s.TrySetResult(null));
        if (!_loop.RunOrPost(() => subscribed.TrySetResult(EnsureAcceptQueue()))) yield break;
        var queue = await subscribing.ConfigureAwait(false);
        if (queue == null) yield break;
        while (await queue.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            while (queue.Reader.TryRead(out var socket)) yield return socket;
    }
}
