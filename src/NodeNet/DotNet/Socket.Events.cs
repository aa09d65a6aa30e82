namespace NodeNet;

// Typed .NET events: each is a listener of the Node event of the same meaning (SocketEvents), so both styles see the
// same registrations, in the same order. How the socket closed is recorded here too.
public sealed partial class Socket
{
    /// <summary>Each built-in event and the types each of its arguments can have: declared once, here.</summary>
    private static readonly EventSignatures Signatures = new(
        new(SocketEvents.Connect), new(SocketEvents.Ready),
        new(SocketEvents.Lookup, [typeof(Exception)], [typeof(string)], [typeof(int)], [typeof(string)]),
        new(SocketEvents.ConnectionAttempt, [typeof(string)], [typeof(int)], [typeof(int)]),
        new(SocketEvents.ConnectionAttemptFailed, [typeof(string)], [typeof(int)], [typeof(int)], [typeof(Exception)]),
        new(SocketEvents.ConnectionAttemptTimeout, [typeof(string)], [typeof(int)], [typeof(int)]),
        new(SocketEvents.Data, [typeof(byte[]), typeof(string)]),
        new(SocketEvents.End), new(SocketEvents.Finish), new(SocketEvents.Drain), new(SocketEvents.Timeout), new(SocketEvents.Pause), new(SocketEvents.Resume),
        new(SocketEvents.Readable), new(SocketEvents.Pipe, [typeof(Socket)]), new(SocketEvents.Unpipe, [typeof(Socket)]),
        new(SocketEvents.Error, [typeof(Exception)]),
        new(SocketEvents.Close, [typeof(bool)]),
        new(SocketEvents.Message, [typeof(byte[])], [typeof(ReceivedHandle)]),
        new(SocketEvents.Handle, [typeof(ReceivedHandle)]));

    private protected override EventSignatures BuiltInEvents => Signatures;
    private protected override EventLoop OwnerLoop => _loop;

    /// <summary>Node's stream rejection handler: an async listener's fault destroys the socket with it.</summary>
    private protected override void OnRejection(Exception error, string eventName, object?[] args)
    {
        if (!_destroyed) Destroy(error);
    }

    /// <summary>'connect': the connection is established.</summary>
    public event Action Connected
    {
        add => AddTyped(SocketEvents.Connect, value, [], static (d, _) => ((Action)d)());
        remove => RemoveTyped(SocketEvents.Connect, value);
    }

    /// <summary>'data' as bytes: a chunk the handler owns (it is not reused). A socket with an encoding emits strings, so
    /// adding a handler after <see cref="SetEncoding"/> throws, and SetEncoding throws while one is attached.</summary>
    public event Action<ReadOnlyMemory<byte>> Data
    {
        add => AddTyped(SocketEvents.Data, value, [typeof(byte[])], static (d, a) => ((Action<ReadOnlyMemory<byte>>)d)((byte[])a[0]!));
        remove => RemoveTyped(SocketEvents.Data, value);
    }

    /// <summary>'end': the peer ended its side (FIN) and every chunk before it was delivered.</summary>
    public event Action Ended
    {
        add => AddTyped(SocketEvents.End, value, [], static (d, _) => ((Action)d)());
        remove => RemoveTyped(SocketEvents.End, value);
    }

    /// <summary>'finish': our side ended and every write was handed to the kernel.</summary>
    public event Action Finished
    {
        add => AddTyped(SocketEvents.Finish, value, [], static (d, _) => ((Action)d)());
        remove => RemoveTyped(SocketEvents.Finish, value);
    }

    /// <summary>'drain': the write buffer emptied after <see cref="Write(byte[], Action{Exception?}?)"/> returned false.</summary>
    public event Action Drained
    {
        add => AddTyped(SocketEvents.Drain, value, [], static (d, _) => ((Action)d)());
        remove => RemoveTyped(SocketEvents.Drain, value);
    }

    /// <summary>'timeout': idle for the <see cref="SetTimeout(double, Action?)"/> period. The socket stays open; destroying it
    /// here reports <see cref="SocketCloseReason.TimedOut"/>.</summary>
    public event Action TimedOut
    {
        add => AddTyped(SocketEvents.Timeout, value, [], static (d, _) => ((Action)d)());
        remove => RemoveTyped(SocketEvents.Timeout, value);
    }

    /// <summary>'error': <see cref="Closed"/> follows.</summary>
    public event Action<Exception> Error
    {
        add => AddTyped(SocketEvents.Error, value, [typeof(Exception)], static (d, a) => ((Action<Exception>)d)((Exception)a[0]!));
        remove => RemoveTyped(SocketEvents.Error, value);
    }

    /// <summary>'close', with why: the last event of a connection.</summary>
    public event Action<SocketCloseInfo> Closed
    {
        add => AddTyped(SocketEvents.Close, value, [typeof(bool)], (d, _) => ((Action<SocketCloseInfo>)d)(_closeInfo!));
        remove => RemoveTyped(SocketEvents.Close, value);
    }

    private SocketCloseReason _closeReason;
    private SocketCloseInfo? _closeInfo;
    private TaskCompletionSource<SocketCloseInfo>? _completion;
    private bool _peerEndedFirst;  // the peer's FIN came before our End
    private bool _inTimeoutEvent;  // a destroy now is a timeout's doing

    /// <summary>Completes with how the socket closed, at its 'close' event (or when its loop ends first: then as
    /// destroyed, with the loop's <see cref="ObjectDisposedException"/>). Never faults. Thread-safe. A socket that
    /// connects again after closing gets a new one.</summary>
    public Task<SocketCloseInfo> Completion
    {
        get
        {
            var tcs = Volatile.Read(ref _completion);
            if (tcs == null)
            {
                var created = new TaskCompletionSource<SocketCloseInfo>(TaskCreationOptions.RunContinuationsAsynchronously);
                tcs = Interlocked.CompareExchange(ref _completion, created, null) ?? created;
                if (tcs == created)
                    LoopTask.Track(_loop, created, onEnded: static c => c.TrySetResult(new SocketCloseInfo(SocketCloseReason.Destroyed, LoopTask.LoopEnded())));
            }
            // Either this sees the close published, or the close sees this source (both sides use full fences).
            if (Volatile.Read(ref _closeInfo) is { } info) tcs.TrySetResult(info);
            return tcs.Task;
        }
    }

    /// <summary>How an ending without an error came about: whoever sent FIN first.</summary>
    private SocketCloseReason EndedReason => _peerEndedFirst ? SocketCloseReason.PeerEnded : SocketCloseReason.LocalEnded;

    private SocketCloseReason ReasonFor(Exception? error) => error switch
    {
        null => _inTimeoutEvent ? SocketCloseReason.TimedOut : SocketCloseReason.Destroyed,
        INodeError { Code: "ECONNRESET" } => SocketCloseReason.PeerReset,
        INodeError { Code: "ETIMEDOUT" } => SocketCloseReason.TimedOut,
        _ => SocketCloseReason.Error,
    };

    /// <summary>Loop thread: the handle closed (or there was none). <paramref name="hadError"/> null: Node's 'close' with no argument.</summary>
    private void EmitClose(bool? hadError)
    {
        _closed = true;
        var info = new SocketCloseInfo(_closeReason, _errored);
        Interlocked.Exchange(ref _closeInfo, info);
        if (hadError is { } e) EmitEvent("close", e);
        else EmitEvent("close");
        Volatile.Read(ref _completion)?.TrySetResult(info);
    }

    /// <summary>On reconnect: the next close is a new one.</summary>
    private void ResetCloseState()
    {
        _closeInfo = null;
        _peerEndedFirst = false;
        if (_completion is { Task.IsCompleted: true }) _completion = null;
    }

    /// <summary>A 'data' listener must take what 'data' carries now: strings once SetEncoding was called (which then refuses
    /// to change it while a bytes listener is attached), bytes until then. A string listener added first would fail at the
    /// first chunk, inside NodeNet's own emit, and end the loop: so SetEncoding comes first in C#.</summary>
    private protected override void CheckListener(string eventName, Type[] parameterTypes)
    {
        if (eventName != SocketEvents.Data || parameterTypes.Length == 0) return;
        if (_readable.Decoder != null && !parameterTypes[0].IsAssignableFrom(typeof(string)))
            throw new NodeNetArgumentException("ERR_INVALID_ARG_TYPE",
                $"The \"listener\" argument must take a string: SetEncoding(\"{_readable.Decoder.Encoding}\") was called, so 'data' carries strings. Received a listener of {parameterTypes[0].Name}", "listener");
        if (_readable.Decoder == null && !parameterTypes[0].IsAssignableFrom(typeof(byte[])))
            throw new NodeNetArgumentException("ERR_INVALID_ARG_TYPE",
                $"The \"listener\" argument must take a byte[]: 'data' carries bytes until SetEncoding is called (call it before adding a string listener). Received a listener of {parameterTypes[0].Name}", "listener");
    }
}
