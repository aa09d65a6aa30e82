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

    /// <summary>True for an IPC socket: it sends and receives messages and handles, not a byte stream.</summary>
    public bool IsIpc { get { VerifyLoopThread(); return _ipc != null || _wantsIpc; } }

    /// <summary>Sends <paramref name="server"/>'s listening socket to the process at the other end, which can listen on it too
    /// (<see cref="Server.Listen(ReceivedHandle, Action?)"/>); this server keeps listening. Node's <c>subprocess.send(message, server)</c>.</summary>
    /// <exception cref="NodeNetInvalidOperationException">ERR_INVALID_HANDLE_TYPE on a socket that is not IPC (or, on Windows, for a pipe
    /// server: Windows passes TCP handles only); EBADF when the server is not listening.</exception>
    public Socket SendHandle(Server server, ReadOnlyMemory<byte> message = default, Action<Exception?>? callback = null)
    {
        VerifyLoopThread();
        ArgumentNullException.ThrowIfNull(server);
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
        ArgumentNullException.ThrowIfNull(socket);
        if (socket._loop != _loop) throw new InvalidOperationException("A handle can be sent only by an IPC socket of its own loop.");
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

    /// <summary><see cref="SendHandle(Server, ReadOnlyMemory{byte}, Action{Exception?}?)"/> from any thread; completes once
    /// the handle is written to the IPC socket.</summary>
    public Task SendHandleAsync(Server server, ReadOnlyMemory<byte> message = default, CancellationToken cancellationToken = default) =>
        SendAsync(() => server, message, cancellationToken);

    /// <summary><see cref="SendHandle(Socket, ReadOnlyMemory{byte}, Action{Exception?}?)"/> from any thread.</summary>
    public Task SendHandleAsync(Socket socket, ReadOnlyMemory<byte> message = default, CancellationToken cancellationToken = default) =>
        SendAsync(() => socket, message, cancellationToken);

    private Task SendAsync(Func<object> handle, ReadOnlyMemory<byte> message, CancellationToken token)
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
                if (handle() is Server s) SendHandle(s, message, cb);
                else SendHandle((Socket)handle(), message, cb);
            }
            catch (Exception e) { done.TrySetException(e); }
        });
        if (!posted) done.TrySetException(LoopTask.LoopEnded());
        return task;
    }

    /// <summary>The next handle that arrives and that no 'message' or 'handle' listener adopts (from the first call on, such
    /// handles wait here instead of being closed). Faults when the IPC socket closes.</summary>
    public async Task<ReceivedHandle> ReceiveHandleAsync(CancellationToken cancellationToken = default)
    {
        var queue = await LoopTask.Track(_loop, OnLoopQueue()).WaitAsync(cancellationToken).ConfigureAwait(false);
        try { return await queue.Reader.ReadAsync(cancellationToken).ConfigureAwait(false); }
        catch (System.Threading.Channels.ChannelClosedException closed)
        {
            // The socket closed (with its error, or the loop's end) before another handle came.
            throw closed.InnerException ?? new NodeNetException("ERR_IPC_CHANNEL_CLOSED", "Channel closed");
        }
    }

    private TaskCompletionSource<System.Threading.Channels.Channel<ReceivedHandle>> OnLoopQueue()
    {
        var tcs = new TaskCompletionSource<System.Threading.Channels.Channel<ReceivedHandle>>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_loop.RunOrPost(() =>
            {
                EnsureErrorSink();
                if (_ipc == null) tcs.TrySetException(NodeErrors.InvalidHandleType());
                else tcs.TrySetResult(_ipc.Queue());
            }))
            tcs.TrySetException(LoopTask.LoopEnded());
        return tcs;
    }

    /// <summary>A connection received over IPC, as a Socket of this loop. It starts paused (as pauseOnConnect): call
    /// Resume (or read it with ReadAsync) to read.</summary>
    public static Socket Adopt(ReceivedHandle handle, SocketOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(handle);
        var stream = handle.Take(HandleKind.Socket);
        var socket = new Socket(handle.Loop, options ?? new SocketOptions(), stream, pauseOnConnect: true);
        socket.CountActive(NodeNetMetrics.ServerTags(null));
        return socket;
    }

    internal void EmitIpc(string eventName, params ReadOnlySpan<object?> args) => EmitEvent(eventName, args);
}
