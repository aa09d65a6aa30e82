using NodeNet.Native;
using NodeNet.Uv;

namespace NodeNet;

/// <summary>
/// net.Socket: a TCP connection or a Unix domain socket with Node's events
/// (<c>lookup, connectionAttempt, connect, ready, data, end, finish, drain, timeout, error, close</c>)
/// and Node's stream semantics (flowing/paused reads, write queue with a high-water mark, half-open).
/// </summary>
/// <remarks>Loop-affine: call it on its loop's thread (see <see cref="EventLoop"/>).
/// A 'data' listener receives a <c>byte[]</c> it owns, or a <c>string</c> once <see cref="SetEncoding"/> was called.</remarks>
public sealed partial class Socket : EventEmitter, IUvStreamEvents, IUvRequestOwner, IIpcPeer, ISocketReaderHost
{
    // Node 22 and later (stream.getDefaultHighWaterMark): 64 KiB, except on Windows, where Node keeps 16 KiB.
    internal static readonly int DefaultHighWaterMark = OperatingSystem.IsWindows() ? 16 * 1024 : 64 * 1024;

    private readonly EventLoop _loop;
    private UvStream? _handle;
    private bool _isPipe;

    private bool _destroyed;
    private Exception? _errored; // the error the socket was destroyed with
    private bool _closed; // 'close' was emitted
    private bool _resetAndClosing;

    private AddressInfo? _peername;
    private AddressInfo? _sockname;

    private bool? _pendingRef; // ref/unref before a handle exists, applied at connect
    private bool _noDelay;
    private readonly Net.BlockList? _blockList;
    private bool _keepAlive;
    private KeepAliveSettings _keepAliveSettings;
    private bool _boundSource;  // the handle came from a BoundSocket: its local end is fixed
    private string? _boundPath; // a bound pipe's own path, its localAddress

    private double _timeoutMs = double.NaN; // NaN: setTimeout never called (a double? could be read torn off the loop)
    private UvTimer? _timer;
    private bool _timerArmed;
    private ulong _lastActive;
    private long _lastWriteQueueSize;

    /// <summary>new net.Socket(): an unconnected socket on the current thread's loop, or on <see cref="EventLoop.Default"/>
    /// when called off any loop (then use the Task-based methods).</summary>
    public Socket(SocketOptions? options = null) : this(EventLoop.Current ?? EventLoop.Default, options ?? new SocketOptions(), handle: null) { }

    internal Socket(EventLoop loop, SocketOptions options, UvStream? handle, bool pauseOnConnect = false)
    {
        if (handle != null || options.Fd != null || options.Handle != null) loop.Uv.VerifyThread();
        _loop = loop;
        AllowHalfOpen = options.AllowHalfOpen;
        _wantsIpc = options.Ipc;
        // As Node's streams: highWaterMark, when given, wins over readableHighWaterMark / writableHighWaterMark.
        _readable = new Streams.ReadableState(this, HighWaterMark(options.HighWaterMark ?? options.ReadableHighWaterMark));
        _writable = new Streams.WritableState(this, HighWaterMark(options.HighWaterMark ?? options.WritableHighWaterMark));
        CaptureRejectionsOption = options.CaptureRejections;
        if (options.TypeOfService is { } tos)
        {
            if (tos is < 0 or > 255) throw NodeErrors.OutOfRange("options.typeOfService", ">= 0 && <= 255", (double)tos);
            _typeOfService = tos;
        }
        if (options.OnRead is { } onRead)
        {
            if (onRead.Buffer == null && onRead.BufferFactory == null) throw NodeErrors.InvalidArgValue("options.onread", onRead, "must have a buffer");
            NodeErrors.ThrowIfNull(onRead.Callback, "options.onread.callback");
            _onRead = onRead;
        }
        _noDelay = options.NoDelay;
        _blockList = options.BlockList;
        if (options.KeepAlive)
        {
            _keepAlive = true;
            _keepAliveSettings = KeepAliveSettings.FromOption(options.KeepAliveInitialDelay);
        }
        if (options.Fd is { } fd) handle = AdoptFd(fd, options);
        bool boundNotConnected = false;
        if (options.Handle is { } bound)
        {
            // Bound, not connected: it reads once a connect completes (Node's kBoundSource).
            _boundPath = bound.PipePath;
            handle = bound.Consume(loop);
            _boundSource = boundNotConnected = true;
        }
        if (options.Signal.CanBeCanceled)
        {
            var signal = options.Signal;
            if (loop.IsLoopThread) AddAbortSignal(signal);
            else loop.TryPost(() =>
            {
                // Made off the loop, the socket is driven by the Task-based API, whose tasks report the abort: its 'error'
                // must not become the loop's uncaught exception before the first such call installs the sink.
                EnsureErrorSink();
                AddAbortSignal(signal);
            }); // runs before any Task-based call made after this constructor
        }
        if (handle == null) return;
        AttachHandle(handle);
        if (boundNotConnected) return;
        if (pauseOnConnect) { _readable.Flowing = false; return; }
        // Node's constructor: read(0) starts the flow of data into the buffer.
        if (options.Readable) _readable.Read(0);
    }

    private static int HighWaterMark(int? value) => value is { } v && v >= 0 ? v : DefaultHighWaterMark;

    /// <summary>The accepting server, or null for a client socket. Any thread: as the loop last set it.</summary>
    public Server? Server { get => Volatile.Read(ref _server); internal set => _server = value; }
    private Server? _server;

    /// <summary>Which of its server's loops this connection lives on (-1 on a single-loop server).</summary>
    internal int ServerLoopIndex = -1;

    /// <summary>From the options: whether the socket stays writable after the peer's FIN. Any thread (fixed at
    /// construction).</summary>
    public bool AllowHalfOpen { get; }

    /// <summary>True between Connect and 'connect' (or the connect error). Any thread: as the loop last set it.</summary>
    public bool Connecting => Volatile.Read(ref _connecting);
    private bool _connecting;

    /// <summary>True once destroyed (explicitly, by an error, or after both sides ended). Any thread: as the loop last
    /// set it.</summary>
    public bool Destroyed => Volatile.Read(ref _destroyed);

    /// <summary>No handle yet, or still connecting. Any thread: as the loop last set it.</summary>
    public bool Pending => Volatile.Read(ref _handle) == null || Volatile.Read(ref _connecting);

    /// <summary>"opening", "open", "readOnly", "writeOnly" or "closed", as Node computes it. Any thread: as the loop
    /// last set it.</summary>
    public string ReadyState => ComputeReadyState();

    private string ComputeReadyState()
    {
        return Volatile.Read(ref _connecting) ? "opening"
        : Readable && Writable ? "open"
        : Readable ? "readOnly"
        : Writable ? "writeOnly"
        : "closed";
    }

    /// <summary>The idle timeout set by <see cref="SetTimeout(double, Action?)"/>; null until it is called. Any thread:
    /// as the loop last set it.</summary>
    public double? Timeout => Volatile.Read(ref _timeoutMs) is var ms && double.IsNaN(ms) ? null : ms;

    /// <summary>getsockname(): the local endpoint, or null when not connected. Any thread.</summary>
    public AddressInfo? Address() => LocalNameAnyThread();

    /// <summary>Remote IP (cached once read, so it survives close). Null for pipes and before connecting. Any thread: a
    /// name once read is kept; off the loop it is read under a lock that the loop takes before it closes the
    /// handle.</summary>
    public string? RemoteAddress => PeerNameAnyThread()?.Address;
    /// <summary>Remote port. Any thread: a name once read is kept; off the loop it is read under a lock that the loop
    /// takes before it closes the handle.</summary>
    public int? RemotePort => PeerNameAnyThread()?.Port;
    /// <summary>"IPv4" or "IPv6". Any thread: a name once read is kept; off the loop it is read under a lock that the
    /// loop takes before it closes the handle.</summary>
    public string? RemoteFamily => PeerNameAnyThread()?.Family;
    /// <summary>Local IP. Any thread: a name once read is kept; off the loop it is read under a lock that the loop
    /// takes before it closes the handle.</summary>
    public string? LocalAddress => LocalNameAnyThread()?.Address;
    /// <summary>Local port. Any thread: a name once read is kept; off the loop it is read under a lock that the loop
    /// takes before it closes the handle.</summary>
    public int? LocalPort => LocalNameAnyThread()?.Port;
    /// <summary>"IPv4" or "IPv6". Any thread: a name once read is kept; off the loop it is read under a lock that the
    /// loop takes before it closes the handle.</summary>
    public string? LocalFamily => LocalNameAnyThread()?.Family;

    /// <summary>The loop this socket belongs to (its events run on that loop's thread). Thread-safe.</summary>
    public EventLoop Loop => _loop;

    /// <summary>The thread rule (see <see cref="EventLoop"/>): checked before anything is read or changed.</summary>
    private void VerifyLoopThread() => _loop.Uv.VerifyThread();

    private protected override void VerifyAccess() => _loop.Uv.VerifyThread();

    private PeerCredentials? _peerCredentials;

    /// <summary>Set while this socket is counted in nodenet.connections.active: its metric tags, and since when.</summary>
    private KeyValuePair<string, object?>[]? _activeTags;
    private long _activeSince;
    private System.Diagnostics.Activity? _activity; // nodenet.connection, while someone listens to the NodeNet source

    internal void CountActive(KeyValuePair<string, object?>[] tags)
    {
        _activeTags = tags;
        _activeSince = System.Diagnostics.Stopwatch.GetTimestamp();
        NodeNetMetrics.ConnectionsActive.Add(1, tags);
        if (NodeNetActivity.Source.HasListeners() && ReadPeerName() is var peer)
            _activity = NodeNetActivity.ConnectionStarted(tags, peer?.Address, peer?.Port ?? 0);
    }

    /// <summary>The connected peer's pid, uid and gid on a Unix domain socket (SO_PEERCRED), or its pid on a Windows
    /// named pipe; null on TCP, before connecting, and where the platform cannot tell. Read once and cached. Beyond
    /// Node. Any thread: a name once read is kept; off the loop it is read under a lock that the loop takes before it
    /// closes the handle.</summary>
    public PeerCredentials? PeerCredentials
    {
        get
        {
            if (Volatile.Read(ref _peerCredentials) is { } known) return known;
            if (_loop.IsLoopThread) return ReadPeerCredentials();
            lock (_handleGate) return ReadPeerCredentials();
        }
    }

    private PeerCredentials? ReadPeerCredentials()
    {
        if (_peerCredentials != null || _handle is not UvPipe pipe || _connecting) return _peerCredentials;
        nint fd = pipe.FileNo();
        if (fd == -1) return null;
        if (OperatingSystem.IsWindows())
            return NamedPipe.PeerProcessId(fd, serverEnd: _server != null) is { } pid ? _peerCredentials = new PeerCredentials(pid, null, null) : null;
        return _peerCredentials = UnixSocket.PeerCredentials((int)fd) is { } c ? new PeerCredentials(c.Pid, c.Uid, c.Gid) : null;
    }

    private void AttachHandle(UvStream handle)
    {
        _handle = handle;
        _isPipe = handle is UvPipe;
        _ipc = handle is UvPipe { IsIpc: true } ipc ? new IpcChannel(this, ipc, _loop) : null;
        handle.Events = this;
        handle.Closed = null;
    }

    private UvStream AdoptFd(int fd, SocketOptions options)
    {
        // Node's validateInt32(fd, 'fd', 0): a RangeError, ERR_OUT_OF_RANGE.
        if (fd < 0) throw NodeErrors.OutOfRange("fd", ">= 0 && <= 2147483647", (double)fd);
        var type = Native.Uv.uv_guess_handle(fd);
        UvStream stream = type switch
        {
            UvHandleType.Tcp => new UvTcp(_loop.Uv),
            UvHandleType.NamedPipe => new UvPipe(_loop.Uv),
            _ => throw NodeErrors.InvalidFdType(type.ToString().ToUpperInvariant()),
        };
        int rc = stream is UvTcp tcp ? tcp.Open(fd) : ((UvPipe)stream).Open(fd);
        if (rc != 0) { stream.Close(); throw NodeNetException.FromUv(rc, "open"); }
        if (!options.Readable) { _readable.Ended = _readable.EndEmitted = true; _notReadable = true; }
        if (!options.Writable) _writable.NotWritable();
        return stream;
    }

    /// <summary>socket.destroy([error]): closes now; queued writes are cancelled. 'error' (if given) then 'close'.</summary>
    public Socket Destroy(Exception? error = null)
    {
        _loop.Uv.VerifyThread();
        return DestroyCore(error, reason: null);
    }

    /// <summary>Destroy with the reason <see cref="Closed"/> will report; null: from the error (or the lack of one).</summary>
    private Socket DestroyCore(Exception? error, SocketCloseReason? reason)
    {
        if (_destroyed) return this;
        _destroyed = true;
        _errored = error;
        _closeReason = reason ?? ReasonFor(error);
        _connecting = false;
        StopTimer();
        _writable.Abort();
        bool hadError = error != null;
        if (_handle != null)
        {
            var handle = _handle;
            lock (_handleGate) _handle = null; // a reader off the loop may be using it (see PeerNameAnyThread)
            _sockname = null;
            handle.Events = null;
            handle.Closed = () => EmitClose(hadError);
            if (_resetAndClosing && handle is UvTcp tcp)
            {
                _resetAndClosing = false;
                int rc = tcp.Reset();
                if (rc != 0) { handle.Close(); _loop.NextTick(() => EmitEvent("error", NodeNetException.FromUv(rc, "reset"))); }
            }
            else handle.Close();
            if (error != null) _loop.NextTick(() => EmitError(error));
        }
        else
        {
            if (error != null) _loop.NextTick(() => EmitError(error));
            _loop.NextTick(() => EmitClose(hadError: null)); // no handle ever closed: Node emits 'close' with no argument
        }
        _reader?.Destroyed(error);
        CloseIpc(error);
        if (_server != null) _server.OnSocketDestroyed(this);
        if (_activeTags is { } tags) { NodeNetMetrics.ConnectionEnded(tags, _activeSince, error); _activeTags = null; }
        if (_activity is { } activity) { NodeNetActivity.ConnectionEnded(activity, error, _bytesRead, BytesWritten); _activity = null; }
        return this;
    }

    private void EmitError(Exception error)
    {
        _errorEmitted = true;
        EmitEvent("error", error);
    }

    private bool _errorEmitted;

    /// <summary>For Streams/EndOfStream: 'error' and 'close' were emitted (Node's errorEmitted, closeEmitted).</summary>
    bool Streams.IDuplex.ErrorEmitted => _errorEmitted;
    bool Streams.IDuplex.ClosedEmitted => _closed;

    /// <summary>Node's addAbortSignal: cancelling destroys the socket with an AbortError; already cancelled, at once.</summary>
    private void AddAbortSignal(CancellationToken signal)
    {
        if (signal.IsCancellationRequested) { Destroy(NodeErrors.Abort(signal)); return; }
        var registration = signal.Register(() =>
        {
            if (_loop.IsLoopThread) Abort();
            else _loop.TryPost(Abort);
        });
        void Abort() { if (!_destroyed) Destroy(NodeErrors.Abort(signal)); }
        Once("close", () => registration.Dispose());
    }

    /// <summary>socket.resetAndDestroy(): closes with RST (SO_LINGER 0), so the peer sees ECONNRESET.</summary>
    /// <exception cref="NodeNetInvalidOperationException">ERR_INVALID_HANDLE_TYPE on a pipe.</exception>
    public Socket ResetAndDestroy()
    {
        _loop.Uv.VerifyThread();
        if (_handle != null)
        {
            if (_isPipe) throw NodeErrors.InvalidHandleType();
            if (_connecting) Once("connect", () => { _resetAndClosing = true; Destroy(); });
            else { _resetAndClosing = true; Destroy(); }
        }
        else Destroy(NodeErrors.SocketClosed());
        return this;
    }

    /// <summary>socket.destroySoon(): End, then destroy once the writes are flushed.</summary>
    public Socket DestroySoon()
    {
        _loop.Uv.VerifyThread();
        if (Writable) End();
        if (_writable.Finished) DestroyCore(null, EndedReason);
        else Once("finish", () => DestroyCore(null, EndedReason));
        return this;
    }

    /// <summary>socket.setTimeout(ms[, callback]): emits 'timeout' once per idle period; 0 disables. Does not close the socket.</summary>
    public Socket SetTimeout(double ms, Action? callback = null)
    {
        _loop.Uv.VerifyThread();
        if (double.IsNaN(ms) || double.IsInfinity(ms) || ms < 0)
            throw NodeErrors.OutOfRange("msecs", "a non-negative finite number", ms);
        _timeoutMs = ms;
        if (ms == 0)
        {
            StopTimer();
            if (callback != null) Off("timeout", callback);
            return this;
        }
        _timer ??= CreateTimer();
        _lastActive = _loop.Uv.Now;
        ArmTimer((ulong)ms);
        if (callback != null) Once("timeout", callback);
        return this;
    }

    private UvTimer CreateTimer()
    {
        var t = new UvTimer(_loop.Uv, OnTimer);
        t.Unref(); // like Node's socket timers, it never keeps the loop alive
        return t;
    }

    private void ArmTimer(ulong ms)
    {
        if (_destroyed || _timer == null) return;
        _timer.Start(Math.Max(ms, 1), 0);
        _timerArmed = true;
    }

    private void StopTimer()
    {
        _timer?.Close();
        _timer = null;
        _timerArmed = false;
    }

    /// <summary>Read, write and connect activity restarts the idle period.</summary>
    private void Touch()
    {
        if (_timeoutMs is not > 0) return;
        _lastActive = _loop.Uv.Now;
        if (!_timerArmed) ArmTimer((ulong)_timeoutMs);
    }

    private void OnTimer()
    {
        _timerArmed = false;
        if (_destroyed || _timeoutMs is not > 0) return;
        ulong idle = _loop.Uv.Now - _lastActive;
        ulong ms = (ulong)_timeoutMs;
        if (idle < ms) { ArmTimer(ms - idle); return; }
        // A write still draining counts as activity (Node's kLastWriteQueueSize check).
        long queued = _handle?.WriteQueueSize ?? 0;
        if (queued > 0 && queued != _lastWriteQueueSize)
        {
            _lastWriteQueueSize = queued;
            _lastActive = _loop.Uv.Now;
            ArmTimer(ms);
            return;
        }
        // A destroy from a 'timeout' listener is reported as a timeout (SocketCloseReason.TimedOut).
        _inTimeoutEvent = true;
        try { EmitEvent("timeout"); }
        finally { _inTimeoutEvent = false; }
    }

    /// <summary>socket.setNoDelay([noDelay=true]): stored before connect, applied after.</summary>
    public Socket SetNoDelay(bool noDelay = true)
    {
        _loop.Uv.VerifyThread();
        _noDelay = noDelay;
        if (_handle is UvTcp tcp && !_connecting) tcp.NoDelay(noDelay);
        return this;
    }

    /// <summary>socket.setKeepAlive([enable][, initialDelay ms]): SO_KEEPALIVE, and an idle time of whole seconds with
    /// probes every second, ten of them (libuv's defaults). Under 1000 ms the system's idle time stays.</summary>
    public Socket SetKeepAlive(bool enable = false, double initialDelay = 0) => SetKeepAlive(enable, initialDelay, null, null);

    /// <summary>socket.setKeepAlive(enable, initialDelay, interval, count) (Node 24): <paramref name="interval"/> in ms
    /// between probes (null: 1 s), <paramref name="count"/> probes before the connection is dropped (null: 10). Stored
    /// before connect and applied after, as Node does; a call that changes nothing does not reach the socket.</summary>
    public Socket SetKeepAlive(bool enable, double initialDelay, double? interval, int? count = null)
    {
        _loop.Uv.VerifyThread();
        var settings = KeepAliveSettings.From(initialDelay, interval, count);
        if (_handle == null) { _keepAlive = enable; _keepAliveSettings = settings; return this; }
        if (_handle is not UvTcp tcp) return this;
        if (enable == _keepAlive && (!enable || settings == _keepAliveSettings)) return this;
        _keepAlive = enable;
        _keepAliveSettings = settings;
        if (!_connecting) settings.Apply(tcp, enable);
        return this;
    }

    /// <summary>socket.setKeepAlive({ enable, initialDelay, interval, count }) (Node 24).</summary>
    public Socket SetKeepAlive(KeepAliveOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return SetKeepAlive(options.Enable, options.InitialDelay, options.Interval, options.Count);
    }

    /// <summary>Keep the loop alive while this socket is open (the default).</summary>
    public Socket Ref()
    {
        _loop.Uv.VerifyThread();
        if (_handle == null || _connecting) _pendingRef = true;
        else _handle.Ref();
        return this;
    }

    /// <summary>Let the loop end even though this socket is open.</summary>
    public Socket Unref()
    {
        _loop.Uv.VerifyThread();
        if (_handle == null || _connecting) _pendingRef = false;
        else _handle.Unref();
        return this;
    }

    /// <summary>Taken off the loop to read a name from the handle, and by the loop to let go of the handle before closing
    /// it: a reader never asks a closed (or reused) descriptor. Uncontended, except when another thread reads.</summary>
    private readonly object _handleGate = new();

    /// <summary>PeerName from any thread: the cached name, else read from the handle under <see
    /// cref="_handleGate"/>.</summary>
    private AddressInfo? PeerNameAnyThread()
    {
        if (_loop.IsLoopThread) return PeerName();
        if (Volatile.Read(ref _peername) is { } known) return known;
        lock (_handleGate) return PeerName();
    }

    /// <summary>LocalName from any thread. Off the loop the name is not cached: while connecting, the descriptor may
    /// still be unbound, and the loop must not inherit that.</summary>
    private AddressInfo? LocalNameAnyThread()
    {
        if (_loop.IsLoopThread) return LocalName();
        if (Volatile.Read(ref _sockname) is { } known) return known;
        if (_boundPath is { } path) return new AddressInfo { Address = path };
        lock (_handleGate) return Volatile.Read(ref _connecting) ? null : ReadSockName();
    }

    private AddressInfo? PeerName()
    {
        if (_peername != null || _handle == null || _connecting) return _peername;
        return _peername = ReadPeerName();
    }

    /// <summary>getpeername() now, without caching it: Node reads remoteAddress only when asked, so a socket that was never
    /// asked has none after close; metrics must not change that.</summary>
    private unsafe AddressInfo? ReadPeerName()
    {
        if (_handle is not UvTcp tcp || _connecting) return null;
        SockAddrStorage sa;
        if (tcp.GetPeerName(&sa) != 0) return null;
        return AddressInfo.From(&sa);
    }

    private unsafe AddressInfo? LocalName()
    {
        if (_boundPath != null) return _sockname ??= new AddressInfo { Address = _boundPath }; // a bound pipe's own path
        if (_sockname != null || _handle == null) return _sockname;
        if (_handle is UvTcp) _sockname = ReadSockName();
        return _sockname;
    }

    private unsafe AddressInfo? ReadSockName()
    {
        if (_handle is not UvTcp tcp) return null;
        SockAddrStorage sa;
        return tcp.GetSockName(&sa) == 0 ? AddressInfo.From(&sa) : null;
    }

    void IUvRequestOwner.OnRequestDone(UvRequest req, int status)
    {
        switch (req.Type)
        {
            case UvReqType.Write: AfterAsyncWrite((Streams.WriteBatch)req.State!, status); break;
            case UvReqType.Shutdown: _writable.ShutDown(); break;
            case UvReqType.Connect:
                var attempt = (ConnectAttempt)req.State!;
                if (attempt.Pipe is { } pipe) pipe.ConnectDone();
                AfterConnect(attempt, status);
                break;
        }
    }
}
