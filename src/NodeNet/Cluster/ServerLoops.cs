using NodeNet.Native;
using NodeNet.Uv;

namespace NodeNet.Cluster;

/// <summary>
/// A server's loops when it serves on several: which loops, the links that carry connections to them (or their own
/// SO_REUSEPORT listeners), how many connections each serves, and which have died. The accepting (primary) loop owns
/// this; only the per-loop counts are touched from other threads, with Interlocked.
/// </summary>
internal sealed class ServerLoops
{
    private readonly Server _server;
    private readonly EventLoop _primary;
    private readonly ServerOptions _options;

    private EventLoop[] _loops = [];
    private LoopLink?[] _links = [];
    private ReusePortListener?[] _listeners = [];
    private int[] _live = [];
    private long[] _accepted = [];
    private bool[] _dead = [];
    private EventLoopGroup? _owned;
    private UvAsync? _keepAlive; // holds the primary loop while other loops' connections drain (SO_REUSEPORT mode)
    private int _next;
    private int _openListeners;
    private bool _started;

    public ServerLoops(Server server, EventLoop primary, ServerOptions options)
    {
        _server = server;
        _primary = primary;
        _options = options;
    }

    /// <summary>The mode in use since the server listened.</summary>
    public LoopMode ModeInUse { get; private set; }

    public int Count => _loops.Length;

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
        _options.LoopMode == LoopMode.ReusePort && isTcp && OperatingSystem.IsLinux() && _options.LoopGroup == null;

    /// <summary>Primary thread, once the server's listener is listening: start the loops and whatever reaches them.</summary>
    public void Start(UvStream listener, bool reusePort, UvTcpFlags bindFlags = UvTcpFlags.None, int backlog = 511)
    {
        if (_started) return;
        _started = true;
        // Windows cannot pass pipe handles between loops (libuv sends TCP handles only there): its pipe servers serve on one.
        bool passes = !(OperatingSystem.IsWindows() && listener is UvPipe);
        _loops = !passes && !reusePort ? [_primary]
            : _options.LoopGroup is { } group ? [.. group.Loops]
            : [_primary, .. (_owned = EventLoopGroup.Start(_options.Loops - 1, "NodeNet server loop")).Loops];
        int n = _loops.Length;
        _live = new int[n];
        _accepted = new long[n];
        _dead = new bool[n];
        _links = new LoopLink?[n];
        _listeners = new ReusePortListener?[n];
        ModeInUse = reusePort ? LoopMode.ReusePort : LoopMode.Pass;
        for (int i = 0; i < n; i++)
        {
            var loop = _loops[i];
            if (loop == _primary) continue;
            int index = i;
            loop.Completion.ContinueWith(t =>
            {
                if (t.IsFaulted) _primary.TryPost(() => OnLoopEnded(index, t.Exception!.InnerException?.Message ?? "uncaught exception"));
            }, TaskScheduler.Default);
            if (reusePort) { _listeners[i] = new ReusePortListener(this, index, loop); _openListeners++; }
            else if (passes) _links[i] = LoopLink.Open(i, _primary, loop, OnReceived, OnSent);
        }
        if (reusePort)
        {
            var tcp = (UvTcp)listener;
            foreach (var l in _listeners) l?.Start(tcp, bindFlags, backlog);
            _keepAlive = new UvAsync(_primary.Uv, static () => { });
        }
    }

    /// <summary>Primary thread: an accepted connection (already counted by the server) goes to its loop.</summary>
    public void Dispatch(UvStream client)
    {
        // With SO_REUSEPORT the primary's own listener accepted this one for the primary (loop 0).
        int i = ModeInUse == LoopMode.ReusePort ? 0 : Choose(client);
        if (i >= 0) Interlocked.Increment(ref _live[i]);
        if (i < 0 || _links[i] is not { } link)
        {
            _server.AdoptOnLoop(_primary, i, client, counted: true);
            return;
        }
        link.Send(client);
    }

    /// <summary>Target thread: a passed connection arrived.</summary>
    private void OnReceived(LoopLink link, UvStream client)
    {
        if (!_server.AdoptOnLoop(link.Target, link.Index, client, counted: true)) Interlocked.Decrement(ref _live[link.Index]);
    }

    /// <summary>Primary thread: a pass finished; the primary's copy of the handle closes either way.</summary>
    private void OnSent(LoopLink link, UvStream client, int status)
    {
        client.Close();
        if (status == 0) return;
        Interlocked.Decrement(ref _live[link.Index]);
        _server.Unreserve(1); // the connection never reached its loop
    }

    /// <summary>Any thread: a counted connection on loop <paramref name="index"/> ended.</summary>
    public void Released(int index)
    {
        if (index >= 0 && index < _live.Length) Interlocked.Decrement(ref _live[index]);
    }

    /// <summary>Target thread, SO_REUSEPORT mode: that loop's own listener accepted a connection.</summary>
    internal void AcceptedOnLoop(int index, UvStream client)
    {
        if (_server.AdoptOnLoop(_loops[index], index, client)) Interlocked.Increment(ref _live[index]);
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
            AddressInfo? peer = client is UvTcp tcp ? PeerOf(tcp) : null;
            int chosen = choose(new LoopChoice(peer?.Address, peer?.Port, Snapshot()));
            if (chosen < 0 || chosen >= n) throw new ArgumentOutOfRangeException(nameof(ServerOptions.ChooseLoop), chosen, $"ChooseLoop must return a loop index from 0 to {n - 1}.");
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

    private static unsafe AddressInfo? PeerOf(UvTcp tcp)
    {
        SockAddrStorage sa;
        return tcp.GetPeerName(&sa) != 0 ? null
            : new AddressInfo { Address = SockAddr.Address((byte*)&sa), Family = SockAddr.FamilyName((byte*)&sa), Port = SockAddr.Port((byte*)&sa) };
    }

    /// <summary>Primary thread: a loop ended by an uncaught exception. Its connections went with it; the others serve on.</summary>
    private void OnLoopEnded(int index, string reason)
    {
        if (!_started || _dead[index]) return;
        _dead[index] = true;
        _links[index]?.Close();
        if (_listeners[index] != null) { _listeners[index] = null; _openListeners--; }
        int lost = Interlocked.Exchange(ref _live[index], 0);
        NodeNetLogging.LoopEnded(_server.Log, index, _server.Address()?.ToString() ?? "", reason, lost);
        _server.Unreserve(lost);
    }

    /// <summary>Primary thread, at server.close(): the other loops' listeners close (the primary's own already did).</summary>
    public void StopAccepting()
    {
        for (int i = 0; i < _listeners.Length; i++) _listeners[i]?.Close();
    }

    public void SetRef(bool referenced)
    {
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
        var owned = _owned;
        _owned = null;
        if (owned != null) _ = owned.DisposeAsync().AsTask();
        _loops = [];
        _links = [];
        _listeners = [];
    }
}
