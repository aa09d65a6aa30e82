using System.Threading.Channels;
using NodeNet.Uv;

namespace NodeNet;

// IPC sockets (SocketOptions.Ipc, ConnectOptions.Ipc, ServerOptions.Ipc): a Unix domain socket or Windows pipe that
// carries framed messages and handles (servers and connections) between processes, as Node's `ipc` channel does for a
// forked child, but between any two processes. Events: 'message' (byte[] message, ReceivedHandle? handle) and
// 'handle' (ReceivedHandle).
public sealed partial class Socket
{
    private IpcChannel? _ipc;
    private bool _wantsIpc;

    /// <summary>True for an IPC socket: it sends and receives messages and handles, not a byte stream. Any thread: as
    /// the loop last set it.</summary>
    public bool IsIpc => Volatile.Read(ref _ipc) != null || _wantsIpc;

    /// <summary>Sends <paramref name="server"/>'s listening socket to the process at the other end, which can listen on it too
    /// (<see cref="Server.Listen(ReceivedHandle, Action?)"/>); this server keeps listening. Node's <c>subprocess.send(message, server)</c>.</summary>
    /// <exception cref="NodeNetInvalidOperationException">ERR_INVALID_HANDLE_TYPE on a socket that is not IPC (or, on Windows, for a pipe
    /// server: Windows passes TCP handles only); EBADF when the server is not listening.</exception>
    public Socket SendHandle(Server server, ReadOnlyMemory<byte> message = default, Action<Exception?>? callback = null)
    {
        VerifyLoopThread();
        NodeErrors.ThrowIfNull(server);
        var handle = server.HandleForSending(_loop);
        SendFrame(1, message, handle, callback);
        return this;
    }

    /// <summary>Sends <paramref name="socket"/>'s connection to the process at the other end, where it arrives paused (as with
    /// pauseOnConnect); once sent, it is destroyed here, as Node does (<c>keepOpen: false</c>).</summary>
    /// <exception cref="NodeNetInvalidOperationException">ERR_INVALID_HANDLE_TYPE on a socket that is not IPC (or, on Windows, for a pipe
    /// connection); EBADF when the socket has no open connection.</exception>
    public Socket SendHandle(Socket socket, ReadOnlyMemory<byte> message = default, Action<Exception?>? callback = null)
    {
        VerifyLoopThread();
        NodeErrors.ThrowIfNull(socket);
        if (socket._loop != _loop) throw NodeErrors.InvalidArgValue("socket", "Socket", "belongs to another loop: a handle can be sent only by an IPC socket of its own loop");
        if (socket._handle is not { IsClosing: false } handle || socket._destroyed || socket._connecting)
            throw NodeNetException.FromUv(Native.UvErrors.EBADF, "send");
        RefuseOnWindowsPipe(handle);
        SendFrame(2, message, handle, e =>
        {
            if (e == null) socket.Destroy(); // the other process has it now
            callback?.Invoke(e);
        });
        return this;
    }

    /// <summary>Sends a message with no handle; it arrives as a 'message' event.</summary>
    public Socket Send(ReadOnlyMemory<byte> message, Action<Exception?>? callback = null)
    {
        VerifyLoopThread();
        SendFrame(0, message, null, callback);
        return this;
    }

    internal static void RefuseOnWindowsPipe(UvStream handle)
    {
        if (OperatingSystem.IsWindows() && handle is UvPipe) throw NodeErrors.InvalidHandleType();
    }

    private void SendFrame(byte kind, ReadOnlyMemory<byte> message, UvStream? handle, Action<Exception?>? callback)
    {
        if (_ipc == null) throw NodeErrors.InvalidHandleType();
        if (_destroyed) throw NodeErrors.StreamDestroyed("send");
        Touch();
        _ipc.Enqueue(kind, message.Span, handle, e =>
        {
            if (callback != null) callback(e);
            else if (e != null) EmitEvent("error", e);
        });
    }

    /// <summary><see cref="Send(ReadOnlyMemory{byte}, Action{Exception?}?)"/> from any thread; completes once the message is
    /// written to the IPC socket.</summary>
    public Task SendAsync(ReadOnlyMemory<byte> message, CancellationToken cancellationToken = default) =>
        SendAsync(null, message, cancellationToken);

    /// <summary><see cref="SendHandle(Server, ReadOnlyMemory{byte}, Action{Exception?}?)"/> from any thread; completes once
    /// the handle is written to the IPC socket.</summary>
    public Task SendHandleAsync(Server server, ReadOnlyMemory<byte> message = default, CancellationToken cancellationToken = default) =>
        SendAsync(() => server, message, cancellationToken);

    /// <summary><see cref="SendHandle(Socket, ReadOnlyMemory{byte}, Action{Exception?}?)"/> from any thread.</summary>
    public Task SendHandleAsync(Socket socket, ReadOnlyMemory<byte> message = default, CancellationToken cancellationToken = default) =>
        SendAsync(() => socket, message, cancellationToken);

    private Task SendAsync(Func<object>? handle, ReadOnlyMemory<byte> message, CancellationToken token)
    {
        if (token.IsCancellationRequested) return Task.FromCanceled(token);
        var done = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        var task = LoopTask.Track(_loop, done, token, () => { });
        bool posted = _loop.RunOrPost(() =>
        {
            if (done.Task.IsCompleted) return;
            EnsureErrorSink();
            Action<Exception?> cb = e => { if (e == null) done.TrySetResult(true); else done.TrySetException(e); };
            try
            {
                switch (handle?.Invoke())
                {
                    case null: Send(message, cb); break;
                    case Server s: SendHandle(s, message, cb); break;
                    case var socket: SendHandle((Socket)socket, message, cb); break;
                }
            }
            catch (Exception e) { done.TrySetException(e); }
        });
        if (!posted) done.TrySetException(LoopTask.LoopEnded());
        return task;
    }

    /// <summary>The most handles that wait for <see cref="ReceiveHandleAsync"/> on one IPC socket; a handle that arrives
    /// while that many wait is closed (counted in <c>nodenet.ipc.handles.discarded</c>, reason <c>queue_full</c>).</summary>
    public const int MaxQueuedHandles = 64;

    private Channel<ReceivedHandle>? _handleQueue; // loop thread writes; ReceiveHandleAsync reads from any thread
    private bool _handleQueueEnded;
    private CancellationTokenRegistration _handleQueueLoopEnded;

    /// <summary>The next handle that arrives and that no 'message' or 'handle' listener adopts. Handles wait for it, up to
    /// <see cref="MaxQueuedHandles"/>, from the first call on, and from the start on a socket with no 'handle' listener: one
    /// sent right after connecting is not lost. May be called before the IPC socket connects. Faults when
    /// the socket closes (with its error, or ERR_IPC_CHANNEL_CLOSED), and at once on a socket that is not IPC.</summary>
    /// <exception cref="NodeNetInvalidOperationException">ERR_INVALID_HANDLE_TYPE: the socket is not an IPC socket.</exception>
    public async Task<ReceivedHandle> ReceiveHandleAsync(CancellationToken cancellationToken = default)
    {
        var queue = await LoopTask.Track(_loop, OnLoopQueue()).WaitAsync(cancellationToken).ConfigureAwait(false);
        try { return await queue.Reader.ReadAsync(cancellationToken).ConfigureAwait(false); }
        catch (ChannelClosedException closed)
        {
            // The socket closed (with its error, or the loop's end) before another handle came.
            throw closed.InnerException ?? new NodeNetException("ERR_IPC_CHANNEL_CLOSED", "Channel closed");
        }
    }

    private TaskCompletionSource<Channel<ReceivedHandle>> OnLoopQueue()
    {
        var tcs = new TaskCompletionSource<Channel<ReceivedHandle>>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_loop.RunOrPost(() =>
            {
                EnsureErrorSink();
                if (_ipc == null && !_wantsIpc)
                    tcs.TrySetException(new NodeNetInvalidOperationException("ERR_INVALID_HANDLE_TYPE",
                        "ReceiveHandleAsync needs an IPC socket: connect with SocketOptions.Ipc or ConnectOptions.Ipc, or accept on a server with ServerOptions.Ipc"));
                else tcs.TrySetResult(HandleQueue());
            }))
            tcs.TrySetException(LoopTask.LoopEnded());
        return tcs;
    }

    /// <summary>Loop thread: the queue of handles waiting for ReceiveHandleAsync (a fresh one after a reconnect).</summary>
    private Channel<ReceivedHandle> HandleQueue()
    {
        if (_handleQueue != null && (!_handleQueueEnded || _destroyed)) return _handleQueue; // a closed one tells readers why
        var queue = _handleQueue = Channel.CreateBounded<ReceivedHandle>(new BoundedChannelOptions(MaxQueuedHandles) { SingleWriter = true });
        _handleQueueEnded = _destroyed;
        if (_destroyed)
        {
            queue.Writer.TryComplete(_errored ?? new NodeNetException("ERR_IPC_CHANNEL_CLOSED", "Channel closed"));
            return queue;
        }
        // A loop that ends closes this socket without telling it: the waiting receive must end too.
        _handleQueueLoopEnded = _loop.EndedToken.UnsafeRegister(static q => ((Channel<ReceivedHandle>)q!).Writer.TryComplete(LoopTask.LoopEnded()), queue);
        return queue;
    }

    /// <summary>Loop thread: a handle arrived and its events did not adopt it. An application that takes handles in its
    /// 'handle' event and never asked for the queue turned it down, and it closes now; otherwise it waits for
    /// ReceiveHandleAsync, within bounds ('message' listeners may be there for the messages alone).</summary>
    private void Unclaimed(ReceivedHandle handle)
    {
        if (_handleQueue == null && HasListeners("handle"))
        {
            handle.Dispose();
            NodeNetMetrics.IpcHandlesDiscarded.Add(1, NodeNetMetrics.ReasonNotAdopted);
            return;
        }
        if (HandleQueue().Writer.TryWrite(handle)) return;
        handle.Dispose();
        NodeNetMetrics.IpcHandlesDiscarded.Add(1, NodeNetMetrics.ReasonQueueFull);
        NodeNetLogging.HandleQueueFull(_server?.Log ?? NodeNetLogging.Logger, MaxQueuedHandles);
    }

    /// <summary>Loop thread, at destroy: frames in flight fail, and the handles nobody took close.</summary>
    private void CloseIpc(Exception? error)
    {
        _ipc?.Closed();
        if (_handleQueue == null || _handleQueueEnded) return;
        _handleQueueEnded = true;
        _handleQueueLoopEnded.Dispose();
        while (_handleQueue.Reader.TryRead(out var queued)) queued.Dispose();
        _handleQueue.Writer.TryComplete(error);
    }

    /// <summary>A connection received over IPC, as a Socket of this loop. It starts paused (as pauseOnConnect): call
    /// Resume (or read it with ReadAsync) to read.</summary>
    public static Socket Adopt(ReceivedHandle handle, SocketOptions? options = null)
    {
        NodeErrors.ThrowIfNull(handle);
        var stream = handle.Take(HandleKind.Socket);
        var socket = new Socket(handle.Loop, options ?? new SocketOptions(), stream, pauseOnConnect: true);
        socket.CountActive(NodeNetMetrics.Inbound);
        return socket;
    }

    void IIpcPeer.Fail(Exception error) => Destroy(error);

    /// <summary>Loop thread: a frame arrived: 'message', then 'handle' for a handle no 'message' listener adopted, then
    /// the queue for ReceiveHandleAsync, or its close.</summary>
    void IIpcPeer.Deliver(byte[] message, ReceivedHandle? handle)
    {
        EmitEvent("message", message, handle);
        if (handle == null) return;
        if (!handle.IsClaimed) EmitEvent("handle", handle);
        if (!handle.IsClaimed) Unclaimed(handle);
    }
}
