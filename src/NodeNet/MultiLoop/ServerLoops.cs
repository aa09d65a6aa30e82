using NodeNet.Native;
using NodeNet.Uv;

namespace NodeNet.MultiLoop;

/// <summary>
/// A server's loops when it serves on several: which loops, the links that carry connections to them (or their own
/// SO_REUSEPORT listeners), how many connections each serves, and which have failed. The accepting (primary) loop owns
/// this; the per-loop counts are touched from other threads with Interlocked. A connection is counted on its loop from
/// the moment it is admitted (before it travels there), so a loop that dies takes exactly what was counted on it.
/// </summary>
internal sealed class ServerLoops
{
    private readonly ILoopServer _server;
    private readonly EventLoop _primary;
    private readonly LoopSettings _options;

    private EventLoop[] _loops = [];
    private LoopLink?[] _links = [];
    private ReusePortListener?[] _listeners = [];
    private int[] _live = [];
    private long[] _accepted = [];
    private bool[] _dead = [];
    private readonly List<EventLoop> _owned = []; // started by this server (replacements too); ended when it stops
    private UvAsync? _keepAlive; // holds the primary loop while other loops' connections drain (SO_REUSEPORT mode)
    private int _next;
    private int _openListeners;
    private bool _started;
    private bool _unref;
    private int _failed;
    private UvTcp? _listener; private UvTcpFlags _bindFlags; private int _backlog; // what a replacement listener binds like
    private int _orphaned;        // the primary loop ended while serving: the other loops finish their connections
    private int _orphanStopped;

    public ServerLoops(ILoopServer server, EventLoop primary, LoopSettings options)
    {
        _server = server;
        _primary = primary;
        _options = options;
    }

    /// <summary>The mode in use since the server listened.</summary>
    public LoopMode ModeInUse { get; private set; }

    public int Count => _loops.Length;

    /// <summary>Any thread: the loops serving now (a replacement in place of a loop that failed).</summary>
    public IReadOnlyList<EventLoop> Loops => Volatile.Read(ref _loopsSnapshot);
    private EventLoop[] _loopsSnapshot = [];

    /// <summary>Any thread: loops that ended with an uncaught exception since the server listened.</summary>
    public int Failed => Volatile.Read(ref _failed);

    /// <summary>Any thread: the loops not known to have failed (the primary's own end is the server's to see).</summary>
    public int Alive
    {
        get
        {
            var dead = Volatile.Read(ref _dead);
            int alive = 0;
            for (int i = 0; i < dead.Length; i++) if (!Volatile.Read(ref dead[i])) alive++;
            return alive;
        }
    }

    /// <summary>The server's logger.</summary>
    public Microsoft.Extensions.Logging.ILogger Log => _server.Log;

    /// <summary>Connections each loop has been given since the server listened.</summary>
    public long[] AcceptedSnapshot()
    {
        var counts = new long[_accepted.Length];
        for (int i = 0; i < counts.Length; i++) counts[i] = Interlocked.Read(ref _accepted[i]);
        return counts;
    }

    /// <summary>Any thread: a connection became a socket of loop <paramref name="index"/>.</summary>
    public void Adopted(int index)
    {
        if (index >= 0 && index < _accepted.Length) Interlocked.Increment(ref _accepted[index]);
    }

    /// <summary>Connections each loop serves now.</summary>
    public int[] Snapshot()
    {
        var counts = new int[_live.Length];
        for (int i = 0; i < counts.Length; i++) counts[i] = Volatile.Read(ref _live[i]);
        return counts;
    }

    /// <summary>Whether this listen can use one SO_REUSEPORT listener per loop: asked for, Linux, TCP, the server's own loops.</summary>
    public bool WantsReusePort(bool isTcp) =>
        _options.Mode == LoopMode.ReusePort && isTcp && OperatingSystem.IsLinux() && _options.Group == null;

    /// <summary>Primary thread, once the server's listener is listening: start the loops and whatever reaches them.</summary>
    public void Start(UvStream listener, bool reusePort, UvTcpFlags bindFlags = UvTcpFlags.None, int backlog = 511)
    {
        if (_started) return;
        _started = true;
        // Windows cannot pass pipe handles between loops (libuv sends TCP handles only there): its pipe servers serve on one.
        bool passes = !(OperatingSystem.IsWindows() && listener is UvPipe);
        if (_options.Group is { } group) _loops = !passes && !reusePort ? [_primary] : [.. group.Loops];
        else
        {
            _loops = new EventLoop[!passes && !reusePort ? 1 : _options.Loops];
            _loops[0] = _primary;
            for (int i = 1; i < _loops.Length; i++) _owned.Add(_loops[i] = EventLoop.StartHosted($"NodeNet server loop {i}"));
        }
        int n = _loops.Length;
        _live = new int[n];
        _accepted = new long[n];
        _dead = new bool[n];
        _links = new LoopLink?[n];
        _listeners = new ReusePortListener?[n];
        ModeInUse = reusePort ? LoopMode.ReusePort : LoopMode.Pass;
        (_listener, _bindFlags, _backlog) = (listener as UvTcp, bindFlags, backlog);
        Publish();
        _primary.Completion.ContinueWith(_ => OnPrimaryEnded(), TaskScheduler.Default);
        for (int i = 0; i < n; i++)
        {
            if (_loops[i] == _primary) continue;
            Watch(i, _loops[i]);
            if (reusePort) { _listeners[i] = new ReusePortListener(this, i, _loops[i]); _openListeners++; }
            else if (passes) _links[i] = LoopLink.Open(i, _primary, _loops[i], _server, OnSent);
        }
        if (reusePort)
        {
            foreach (var l in _listeners) l?.Start(_listener!, bindFlags, backlog);
            _keepAlive = new UvAsync(_primary.Uv, static () => { });
        }
    }

    private void Publish() => Volatile.Write(ref _loopsSnapshot, [.. _loops]);

    /// <summary>A loop that ends with an uncaught exception is reported to the primary, or, when the primary is gone too,
    /// counted where it is.</summary>
    private void Watch(int index, EventLoop loop) => loop.Completion.ContinueWith(t =>
    {
        if (!t.IsFaulted) return;
        var error = t.Exception!.InnerExceptions.Count == 1 ? t.Exception.InnerException! : t.Exception;
        if (!_primary.TryPost(() => OnLoopFailed(index, loop, error))) LoseOrphaned(index);
    }, TaskScheduler.Default);

    /// <summary>Primary thread: an admitted connection (counted by the server) goes to its loop, and is counted there now.</summary>
    public void Dispatch(UvStream client)
    {
        // With SO_REUSEPORT the primary's own listener accepted this one for the primary (loop 0).
        int i = ModeInUse == LoopMode.ReusePort ? 0 : Choose(client);
        if (i < 0)
        {
            // Only with a LoopGroup whose every loop has failed: nobody is left to serve it.
            client.Close();
            NodeNetMetrics.ConnectionsDropped.Add(1, NodeNetMetrics.ReasonNoLoop);
            _server.Unreserve(1);
            return;
        }
        Interlocked.Increment(ref _live[i]);
        if (_links[i] is { } link) link.Send(client);
        else _server.Adopt(_primary, i, client);
    }

    /// <summary>Primary thread: a pass finished; the primary's copy of the handle closes either way. A pass that failed never
    /// reached its loop, unless that loop failed: then the failure already took it from the counts.</summary>
    private void OnSent(LoopLink link, UvStream client, int status)
    {
        client.Close();
        if (status == 0 || link.Retired) return;
        Interlocked.Decrement(ref _live[link.Index]);
        _server.Unreserve(1);
    }

    /// <summary>Any thread: a counted connection on loop <paramref name="index"/> ended.</summary>
    public void Released(int index)
    {
        if (index >= 0 && index < _live.Length) Interlocked.Decrement(ref _live[index]);
    }

    /// <summary>Loop <paramref name="index"/>'s thread, SO_REUSEPORT mode: that loop's own listener accepted a connection.</summary>
    internal void AcceptedOnLoop(int index, EventLoop loop, UvStream client)
    {
        if (!_server.Admit(client, fromAnyThread: true)) return;
        Interlocked.Increment(ref _live[index]);
        _server.Adopt(loop, index, client);
    }

    /// <summary>Target thread, SO_REUSEPORT mode: a loop's listener closed.</summary>
    internal void ListenerClosed() => _primary.TryPost(() => { _openListeners--; _server.CheckDrained(); });

    /// <summary>Primary thread: SO_REUSEPORT listeners still open (the server is not closed until they are).</summary>
    public bool ListenersOpen => _openListeners > 0;

    private int Choose(UvStream client)
    {
        int n = _loops.Length;
        if (n == 0) return -1;
        if (_options.ChooseLoop is { } choose)
        {
            var peer = client is UvTcp tcp ? PeerOf(tcp) : null;
            int chosen = choose(new LoopChoice(peer?.Address, peer?.Port, Snapshot()));
            if (chosen < 0 || chosen >= n) throw NodeErrors.OutOfRange("options.chooseLoop()", $">= 0 && <= {n - 1}", chosen);
            if (!_dead[chosen]) return chosen;
        }
        if (_options.Distribution == LoopDistribution.LeastConnections)
        {
            int best = -1;
            for (int i = 0; i < n; i++)
                if (!_dead[i] && (best < 0 || Volatile.Read(ref _live[i]) < Volatile.Read(ref _live[best]))) best = i;
            return best;
        }
        for (int k = 0; k < n; k++)
        {
            int i = _next++ % n;
            if (_next == int.MaxValue) _next = 0;
            if (!_dead[i]) return i;
        }
        return -1;
    }

    private static unsafe (string Address, int Port)? PeerOf(UvTcp tcp)
    {
        SockAddrStorage sa;
        return tcp.GetPeerName(&sa) != 0 ? null : (SockAddr.Address((byte*)&sa), SockAddr.Port((byte*)&sa));
    }

    /// <summary>Primary thread: a loop ended by an uncaught exception, and its connections with it. Nothing is sent to it any
    /// more; a loop of the server's own is replaced when <see cref="ServerOptions.LoopFailure"/> asks for it; the server
    /// reports it (metric, log, and 'error' to its listeners), and only then gives up the lost connections' counts, since
    /// that may end a server that is closing.</summary>
    private void OnLoopFailed(int index, EventLoop loop, Exception error)
    {
        if (!_started || _loops[index] != loop || _dead[index]) return;
        _dead[index] = true;
        if (_links[index] is { } link) { link.Retire(); _links[index] = null; }
        if (_listeners[index] != null) { _listeners[index] = null; _openListeners--; }
        int lost = Interlocked.Exchange(ref _live[index], 0);
        Interlocked.Increment(ref _failed);
        bool replaced = _options.Failure == LoopFailurePolicy.Replace && _owned.Contains(loop) && _server.IsListening && TryReplace(index);
        _server.OnLoopFailed(LoopFailedException.Report(Log, index, _server.AddressText, error, lost, replaced, Alive));
        _server.Unreserve(lost);
    }

    /// <summary>Primary thread: a new loop at <paramref name="index"/>, reached as the failed one was.</summary>
    private bool TryReplace(int index)
    {
        EventLoop fresh;
        try { fresh = EventLoop.StartHosted($"NodeNet server loop {index}"); }
        catch (Exception) { return false; } // no thread or descriptors left: the server goes on without it
        LoopLink? link = null;
        if (ModeInUse == LoopMode.Pass)
        {
            try { link = LoopLink.Open(index, _primary, fresh, _server, OnSent); }
            catch (NodeNetException) { _ = fresh.DisposeAsync(); return false; }
            if (_unref) link.SetRef(false);
        }
        _owned.Add(fresh);
        _loops[index] = fresh;
        _dead[index] = false;
        _links[index] = link;
        Publish();
        Watch(index, fresh);
        if (ModeInUse == LoopMode.ReusePort)
        {
            var listener = _listeners[index] = new ReusePortListener(this, index, fresh);
            _openListeners++;
            listener.Start(_listener!, _bindFlags, _backlog);
        }
        return true;
    }

    /// <summary>Thread pool: the primary loop ended (an uncaught exception, or disposed) while the server served. Nothing
    /// accepts any more; its own connections went with it; the other loops serve theirs until they end, then stop.</summary>
    private void OnPrimaryEnded()
    {
        if (!_started || Interlocked.Exchange(ref _orphaned, 1) != 0) return;
        foreach (var listener in _listeners) listener?.Close();
        int primary = Array.IndexOf(_loops, _primary);
        if (primary >= 0) LoseOrphaned(primary);
        StopIfOrphanedAndDrained();
    }

    /// <summary>Any thread, primary gone: loop <paramref name="index"/>'s connections will never be released one by one.</summary>
    private void LoseOrphaned(int index)
    {
        int lost = Interlocked.Exchange(ref _live[index], 0);
        if (lost > 0) _server.Unreserve(lost);
    }

    /// <summary>Any thread: once the primary has ended and the last connection with it, the loops the server started end.</summary>
    public void StopIfOrphanedAndDrained()
    {
        if (Volatile.Read(ref _orphaned) == 0 || _server.LiveConnections > 0 || Interlocked.Exchange(ref _orphanStopped, 1) != 0) return;
        foreach (var loop in _owned) _ = loop.DisposeAsync().AsTask();
    }

    /// <summary>Primary thread, at server.close(): the other loops' listeners close (the primary's own already did).</summary>
    public void StopAccepting()
    {
        for (int i = 0; i < _listeners.Length; i++) _listeners[i]?.Close();
    }

    public void SetRef(bool referenced)
    {
        _unref = !referenced;
        foreach (var link in _links) link?.SetRef(referenced);
        if (referenced) _keepAlive?.Ref(); else _keepAlive?.Unref();
    }

    /// <summary>Primary thread, when the server has closed and drained: links close, loops the server started end.</summary>
    public void Stop()
    {
        if (!_started) return;
        _started = false;
        foreach (var link in _links) link?.Close();
        _keepAlive?.Close();
        _keepAlive = null;
        foreach (var loop in _owned) _ = loop.DisposeAsync().AsTask();
        _owned.Clear();
        _loops = [];
        _links = [];
        _listeners = [];
        Publish();
    }
}
