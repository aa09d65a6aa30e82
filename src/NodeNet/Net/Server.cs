using NodeNet.MultiLoop;
using NodeNet.Native;
using NodeNet.Uv;

namespace NodeNet;

/// <summary>
/// net.Server: listens on TCP or a Unix domain socket and emits
/// <c>listening</c>, <c>connection</c> (a <see cref="Socket"/>), <c>error</c>, <c>close</c> and <c>drop</c>,
/// always on a later tick than the call that caused them.
/// </summary>
/// <remarks>Loop-affine: call it on its loop's thread (see <see cref="EventLoop"/>).</remarks>
public sealed partial class Server : EventEmitter, IUvStreamEvents, IAsyncDisposable, ILoopServer
{
    private readonly EventLoop _loop;
    private UvStream? _handle;
    private int _connections; // Interlocked: with several loops, sockets on other threads end
    private readonly ServerLoops? _loops; // serving on several loops
    private bool _closeScheduled;
    private readonly bool _ipc; // accepted pipe connections are IPC sockets
    private bool _unref;
    private string? _pipeName;
    private int _listeningId;

    /// <summary>new net.Server([options][, connectionListener]) on the current thread's loop, or on
    /// <see cref="EventLoop.Default"/> when called off any loop (then use the Task-based methods).</summary>
    public Server(ServerOptions? options = null, Action<Socket>? connectionListener = null)
        : this(EventLoop.Current ?? EventLoop.Default, options, connectionListener) { }

    /// <summary>A server of <paramref name="loop"/> (<see cref="EventLoop.CreateServer(ServerOptions?, Action{Socket}?)"/>): constructing touches no handle,
    /// so any thread may.</summary>
    internal Server(EventLoop loop, ServerOptions? options, Action<Socket>? connectionListener)
    {
        _loop = loop;
        options ??= new ServerOptions();
        _allowHalfOpen = options.AllowHalfOpen;
        _pauseOnConnect = options.PauseOnConnect;
        _noDelay = options.NoDelay;
        _keepAlive = options.KeepAlive;
        _keepAliveInitialDelay = options.KeepAliveInitialDelay < 0 ? 0 : (int)(options.KeepAliveInitialDelay / 1000);
        _highWaterMark = options.HighWaterMark is { } h && h >= 0 ? h : Socket.DefaultHighWaterMark;
        _ipc = options.Ipc;
        _blockList = options.BlockList;
        CaptureRejectionsOption = options.CaptureRejections;
        EventLoopGroup.ValidateCount(options.Loops, "options.Loops");
        if (options.LoopGroup != null && options.Loops != 1)
            throw NodeErrors.InvalidArgValue("options.loopGroup", "EventLoopGroup", "can not be combined with options.loops");
        if (options.Loops > 1 || options.LoopGroup != null)
        {
            _loops = new ServerLoops(this, _loop, new LoopSettings(options.Loops, options.LoopGroup, options.LoopMode,
                options.Distribution, options.ChooseLoop, options.LoopFailure));
            EnableConcurrentEmit(); // 'connection' is emitted on each connection's own loop
        }
        if (connectionListener != null) OnWhileConstructing("connection", connectionListener);
    }

    /// <summary>How connections reach the server's loops (<see cref="ServerOptions.LoopMode"/> as it could be honoured);
    /// null on a single loop or before listening. Any thread: as the loop last set it.</summary>
    public LoopMode? LoopModeInUse => _loops is { Count: > 0 } l ? l.ModeInUse : null;

    /// <summary>Connections each of the server's loops has been given since it listened: how even the distribution is.
    /// Null on a single loop. Any thread: as the loop last set it.</summary>
    public IReadOnlyList<long>? AcceptedPerLoop => _loops is { Count: > 0 } l ? l.AcceptedSnapshot() : null;

    /// <summary>Connections each of the server's loops serves now (one entry on a single loop). Any thread: as the loop
    /// last set it.</summary>
    public IReadOnlyList<int> ConnectionsPerLoop
    {
        get => _loops is { Count: > 0 } l ? l.Snapshot() : [Volatile.Read(ref _connections)];
    }

    private bool _allowHalfOpen, _pauseOnConnect, _noDelay, _keepAlive;
    private readonly Net.BlockList? _blockList;
    private int _keepAliveInitialDelay, _highWaterMark;
    private long _maxConnections = NoLimit; // a long, not an int?: other threads read it, and an int? could be read torn
    private const long NoLimit = long.MinValue;

    /// <summary>Copied to accepted sockets: stay writable after the peer's FIN. Read from any thread (as last set); set
    /// on the loop thread.</summary>
    public bool AllowHalfOpen { get => Volatile.Read(ref _allowHalfOpen); set { VerifyLoopThread(); _allowHalfOpen = value; } }
    /// <summary>Accepted sockets start paused. Read from any thread (as last set); set on the loop thread.</summary>
    public bool PauseOnConnect { get => Volatile.Read(ref _pauseOnConnect); set { VerifyLoopThread(); _pauseOnConnect = value; } }
    /// <summary>TCP_NODELAY on accepted sockets. Read from any thread (as last set); set on the loop thread.</summary>
    public bool NoDelay { get => Volatile.Read(ref _noDelay); set { VerifyLoopThread(); _noDelay = value; } }
    /// <summary>SO_KEEPALIVE on accepted sockets. Read from any thread (as last set); set on the loop thread.</summary>
    public bool KeepAlive { get => Volatile.Read(ref _keepAlive); set { VerifyLoopThread(); _keepAlive = value; } }
    /// <summary>Keep-alive initial delay of accepted sockets, in seconds (Node stores ~~(ms/1000)). Read from any
    /// thread (as last set); set on the loop thread.</summary>
    public int KeepAliveInitialDelay { get => Volatile.Read(ref _keepAliveInitialDelay); set { VerifyLoopThread(); _keepAliveInitialDelay = value; } }
    /// <summary>High-water mark of accepted sockets. Read from any thread (as last set); set on the loop thread.</summary>
    public int HighWaterMark { get => Volatile.Read(ref _highWaterMark); set { VerifyLoopThread(); _highWaterMark = value; } }

    /// <summary>server.maxConnections: over the limit a connection is accepted, then closed, and 'drop' is emitted.
    /// Null means unlimited; 0 or less refuses every connection (Node 22 and later; in Node 20, 0 meant unlimited).
    /// Read from any thread (as last set); set on the loop thread.</summary>
    public int? MaxConnections
    {
        get => Volatile.Read(ref _maxConnections) is var max && max == NoLimit ? null : (int)max;
        set { VerifyLoopThread(); _maxConnections = value ?? NoLimit; }
    }

    /// <summary>True while a listening handle exists (synchronously after Listen(port); after the lookup with a host).
    /// Any thread: as the loop last set it.</summary>
    public bool Listening => Volatile.Read(ref _handle) != null;

    /// <summary>Connections accepted and not yet destroyed. Any thread: as the loop last set it.</summary>
    public int Connections => Volatile.Read(ref _connections);

    /// <summary>On several loops: the loops serving this server's connections now (a new loop in the place of one that
    /// failed, with <see cref="ServerOptions.LoopFailure"/> Replace); null on a single loop and before listening. Thread-safe.</summary>
    public IReadOnlyList<EventLoop>? ServingLoops => _loops is { } l && l.Loops.Count > 0 ? l.Loops : null;

    /// <summary>How many of the server's loops ended with an uncaught exception since it listened (each also an 'error',
    /// a <see cref="LoopFailedException"/>, and the nodenet.server.loops.failed metric); 0 on a single loop. Thread-safe.</summary>
    public int FailedLoops => (_loops?.Failed ?? 0) + (OwnLoopFaulted ? 1 : 0);

    // Read from the loop itself, as LoopsAlive is: the report (OwnLoopFailed) runs on the pool after the loop's end is
    // visible, and a health check in between saw "no loop alive" beside "none failed".
    private bool OwnLoopFaulted => Volatile.Read(ref _watchingOwnLoop) && _loop.Completion.IsFaulted;

    /// <summary>The loops this server serves on that are alive: on a single loop 1, or 0 once that loop ended; on several,
    /// those not failed (a replacement counts), 0 once the server's own loop ended. What a health check reads. Thread-safe.</summary>
    public int LoopsAlive => _loop.Completion.IsCompleted ? 0 : _loops is { Count: > 0 } l ? l.Alive : 1;

    /// <summary>One of the server's loops ended with an uncaught exception, and its connections with it. On several loops
    /// it is raised on the server's loop thread beside 'error'; when the server's own loop ends that way (then nothing
    /// runs on it any more, and the server serves no more) it is raised on a thread-pool thread. Counted in
    /// <see cref="FailedLoops"/> and the nodenet.server.loops.failed metric either way. Subscribe from any thread.</summary>
    public event Action<LoopFailedException>? LoopFailed;

    private string _addressText = "";
    private bool _watchingOwnLoop;

    /// <summary>Loop thread, at the first listen: a fault of the server's own loop is reported as one of a server's loops
    /// failing, since no event can run on that loop any more.</summary>
    private void WatchOwnLoop()
    {
        _addressText = Address()?.ToString() ?? "";
        if (_watchingOwnLoop) return;
        Volatile.Write(ref _watchingOwnLoop, true);
        _loop.Completion.ContinueWith(static (t, state) => ((Server)state!).OwnLoopFailed(t.Exception!.InnerException!), this,
            CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
    }

    private void OwnLoopFailed(Exception error)
    {
        int lost = Volatile.Read(ref _connections);
        LoopFailed?.Invoke(LoopFailedException.Report(Log, 0, _addressText, error, lost, replaced: false, loopsServing: 0));
    }

    /// <summary>The loop this server belongs to (its events run on that loop's thread). Thread-safe.</summary>
    public EventLoop Loop => _loop;

    /// <summary>The thread rule (see <see cref="EventLoop"/>): checked before anything is read or changed.</summary>
    private void VerifyLoopThread() => _loop.Uv.VerifyThread();

    private protected override void VerifyAccess() => _loop.Uv.VerifyThread();

    /// <summary>server.address(): the bound endpoint, the pipe path, or null before listening (and after a TCP close).</summary>
    /// <remarks>Any thread: off the loop it is read under a lock the loop takes to let go of the handle before closing
    /// it.</remarks>
    public AddressInfo? Address()
    {
        if (_loop.IsLoopThread) return ReadAddress();
        lock (_handleGate) return ReadAddress();
    }

    /// <summary>Taken off the loop to read the bound name, and by the loop to let go of the handle before closing it.</summary>
    private readonly object _handleGate = new();

    private unsafe AddressInfo? ReadAddress()
    {
        if (Volatile.Read(ref _pipeName) is { } pipeName) return new AddressInfo { Address = pipeName };
        if (_handle is not UvTcp tcp) return null;
        SockAddrStorage sa;
        int rc = tcp.GetSockName(&sa);
        if (rc != 0) throw NodeNetException.FromUv(rc, "address");
        return AddressInfo.From(&sa);
    }

    /// <summary>server.close([callback]): stop accepting; 'close' once every connection has ended.
    /// The callback gets ERR_SERVER_NOT_RUNNING when the server was not listening ('close' is still emitted).</summary>
    public Server Close(Action<Exception?>? callback = null)
    {
        _loop.Uv.VerifyThread();
        if (callback != null)
        {
            if (_handle == null) Once("close", () => callback(NodeErrors.ServerNotRunning()));
            else Once("close", () => callback(null));
        }
        _listeningId++; // a pending host lookup must not listen any more
        if (_handle != null)
        {
            if (Log.IsEnabled(Microsoft.Extensions.Logging.LogLevel.Information))
                NodeNetLogging.Closed(Log, Address()?.ToString() ?? "");
            var handle = _handle;
            lock (_handleGate) _handle = null;
            handle.Events = null;
            handle.Close();
        }
        _loops?.StopAccepting();
        CheckDrained();
        return this;
    }

    /// <summary>server.getConnections(callback): the count at the time of the call, delivered on the next tick.</summary>
    public Server GetConnections(Action<Exception?, int> callback)
    {
        NodeErrors.ThrowIfNull(callback);
        _loop.Uv.VerifyThread();
        int count = Volatile.Read(ref _connections);
        _loop.NextTick(() => callback(null, count));
        return this;
    }

    /// <summary>Keep the loop alive while listening (the default).</summary>
    public Server Ref()
    {
        _loop.Uv.VerifyThread();
        _unref = false;
        _handle?.Ref();
        _loops?.SetRef(true);
        return this;
    }

    /// <summary>Let the loop end while listening; remembered if called before Listen.</summary>
    public Server Unref()
    {
        _loop.Uv.VerifyThread();
        _unref = true;
        _handle?.Unref();
        _loops?.SetRef(false);
        return this;
    }

    /// <summary>The listening handle, for an IPC socket of <paramref name="loop"/> to send.</summary>
    internal UvStream HandleForSending(EventLoop loop)
    {
        VerifyLoopThread();
        if (loop != _loop) throw NodeErrors.InvalidArgValue("server", "Server", "belongs to another loop: a handle can be sent only by an IPC socket of its own loop");
        if (_handle is not { IsClosing: false } handle) throw NodeNetException.FromUv(UvErrors.EBADF, "send");
        Socket.RefuseOnWindowsPipe(handle);
        return handle;
    }

    /// <summary>Primary thread: 'close' once the listener (every loop's, with SO_REUSEPORT) has closed and every connection on
    /// every loop has ended.</summary>
    internal void CheckDrained()
    {
        if (_handle != null || Volatile.Read(ref _connections) > 0 || _loops is { ListenersOpen: true }) return;
        if (_loops != null)
        {
            if (_closeScheduled) return; // several loops may drain at once; 'close' once for them
            _closeScheduled = true;
            _loops.Stop();
        }
        _loop.NextTick(() => { _closeScheduled = false; EmitEvent("close"); CompleteClose(); });
    }

    /// <summary>Any thread: <paramref name="n"/> counted connections will never be (a pass failed, a loop died).</summary>
    internal void Unreserve(int n)
    {
        if (n == 0) return;
        if (Interlocked.Add(ref _connections, -n) == 0) DrainedFromAnyThread();
    }

    /// <summary>Any thread: connections admitted and not yet destroyed.</summary>
    internal int LiveConnections => Volatile.Read(ref _connections);

    private void DrainedFromAnyThread()
    {
        if (_loop.IsLoopThread) CheckDrained();
        else if (!_loop.TryPost(CheckDrained)) _loops?.StopIfOrphanedAndDrained(); // this server's own loop has ended
    }

    /// <summary>The socket's thread: a connection of this server was destroyed.</summary>
    internal void OnSocketDestroyed(Socket socket)
    {
        Untrack(socket);
        _loops?.Released(socket.ServerLoopIndex);
        if (Interlocked.Decrement(ref _connections) == 0) DrainedFromAnyThread();
    }

    unsafe void IUvStreamEvents.OnRead(nint nread, byte* data) { }
}
