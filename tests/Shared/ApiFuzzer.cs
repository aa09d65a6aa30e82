using System.Text;

namespace NodeNet.Testing;

/// <summary>
/// A seeded random driver of NodeNet's public API: servers, sockets, IPC channels, emitters and block lists, called with
/// arguments good and bad, Node-style on the loop and Task-style from another thread, with cancellations at random
/// moments. What it checks: every call succeeds or throws an exception that carries a Node code (an <see cref="INodeError"/>;
/// a cancellation may also be .NET's own), every 'error' event carries one too, the loop never dies, and no call hangs.
/// Process-wide settings (defaults, logging) are left alone, so it can run beside other tests. Linux only (Unix paths).
/// </summary>
internal sealed class ApiFuzzer
{
    public sealed record Report(int Calls, int Succeeded, int Refused, IReadOnlyDictionary<string, int> Codes, IReadOnlyList<string> Violations)
    {
        public override string ToString() =>
            $"{Calls} calls: {Succeeded} succeeded, {Refused} refused with a Node code ({Codes.Count} codes), {Violations.Count} violations" +
            (Violations.Count > 0 ? ":\n  " + string.Join("\n  ", Violations.Take(20)) : "");
    }

    private readonly Random _rng;
    private readonly EventLoop _loop;
    private readonly string _dir;
    private readonly TimeSpan _deadline;
    private readonly List<Server> _servers = [];
    private readonly List<Socket> _sockets = [];
    private readonly List<int> _ports = [];
    private readonly List<string> _paths = [];
    private readonly Dictionary<string, int> _codes = [];
    private readonly List<string> _violations = [];
    private readonly Net.BlockList _blockList = new();
    private int _calls, _succeeded, _refused;

    private ApiFuzzer(int seed, EventLoop loop, string dir, TimeSpan deadline)
    {
        _rng = new Random(seed);
        _loop = loop;
        _dir = dir;
        _deadline = deadline;
    }

    /// <summary>Makes <paramref name="calls"/> random calls on a loop of its own, then closes everything and ends the loop.</summary>
    public static async Task<Report> RunAsync(int seed, int calls, TimeSpan? callDeadline = null)
    {
        string dir = Path.Combine(Path.GetTempPath(), "nodenet-fuzz-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        var loop = EventLoop.StartHosted("fuzzed loop");
        var fuzzer = new ApiFuzzer(seed, loop, dir, callDeadline ?? TimeSpan.FromSeconds(10));
        try
        {
            for (int i = 0; i < calls && !loop.Completion.IsCompleted; i++) await fuzzer.Step().ConfigureAwait(false);
            await fuzzer.CloseEverything().ConfigureAwait(false);
        }
        finally
        {
            if (loop.Completion.IsFaulted) fuzzer.Violation("the loop", $"died: {loop.Completion.Exception!.InnerException}");
            await loop.DisposeAsync().ConfigureAwait(false);
            Directory.Delete(dir, recursive: true);
        }
        return new Report(fuzzer._calls, fuzzer._succeeded, fuzzer._refused, fuzzer._codes, fuzzer._violations);
    }

    private void Violation(string call, string what)
    {
        lock (_violations) if (_violations.Count < 200) _violations.Add($"{call}: {what}");
    }

    /// <summary>An exception is acceptable when it carries Node's fields; a cancellation may be .NET's own.</summary>
    private void Judge(string call, Exception e, bool cancellable)
    {
        if (e is AggregateException { InnerExceptions.Count: 1 } a) e = a.InnerException!;
        if (e is INodeError n)
        {
            lock (_codes) _codes[n.Code] = _codes.GetValueOrDefault(n.Code) + 1;
            Interlocked.Increment(ref _refused);
            return;
        }
        if (cancellable && e is OperationCanceledException) { Interlocked.Increment(ref _refused); return; }
        if (e is Fuzzed) return; // what this driver destroyed a socket with, coming back as its 'error' 
        Violation(call, $"{e.GetType().Name} without a Node code: {e.Message}");
    }

    /// <summary>The error this driver destroys sockets with: the application's own, so it has no Node code.</summary>
    private sealed class Fuzzed() : Exception("destroyed by the fuzzer");

    private T Pick<T>(IReadOnlyList<T> items) => items[_rng.Next(items.Count)];
    private bool Chance(int percent) => _rng.Next(100) < percent;

    private async Task Step()
    {
        _calls++;
        int kind = _rng.Next(100);
        if (kind < 60) await NodeStyle().ConfigureAwait(false);
        else if (kind < 85) await TaskStyle().ConfigureAwait(false);
        else Standalone();
    }

    // ---- Node style: one call on the loop thread, from a list by weight ----

    private async Task NodeStyle()
    {
        var (name, call) = NodeCalls[_rng.Next(NodeCalls.Length)];
        // Arguments are drawn here, off the loop; the call runs on it.
        Action<ApiFuzzer> prepared = call(this);
        var ran = _loop.InvokeAsync(() => prepared(this));
        try
        {
            await ran.WaitAsync(_deadline).ConfigureAwait(false);
            _succeeded++;
        }
        catch (TimeoutException) when (!ran.IsCompleted) { Violation(name, "did not return"); }
        catch (Exception e) { Judge(name, e, cancellable: false); }
    }

    private static readonly (string name, Func<ApiFuzzer, Action<ApiFuzzer>> call)[] NodeCalls =
    [
        ("createServer + listen", f => { var o = f.ServerOptions(); var l = f.ListenOptions(); return f2 => f2.NewServer(o).Listen(l); }),
        ("server.listen(port, host)", f => { int p = f.Port(); string h = f.Host(); return f2 => f2.AnyServer().Listen(p, h); }),
        ("server.listen(string)", f => { string s = f.PathOrPort(); return f2 => f2.AnyServer().Listen(s); }),
        ("server.close", f => f2 => f2.AnyServer().Close(f2.Chance(50) ? null : f2.ErrorSink("close callback"))),
        ("server.maxConnections", f => { int? m = f.Chance(30) ? null : f.Next(-2, 4); return f2 => f2.AnyServer().MaxConnections = m; }),
        ("server state", f => f2 => { var s = f2.AnyServer(); _ = (s.Address(), s.Connections, s.Listening, s.ConnectionsPerLoop, s.LocalEndPoint); }),
        ("server.ref/unref/getConnections", f => f2 => { var s = f2.AnyServer(); if (f2.Chance(50)) s.Unref(); else s.Ref(); s.GetConnections((_, _) => { }); }),
        ("server.closeAllConnections/endAllConnections", f => f2 => { var s = f2.AnyServer(); if (f2.Chance(50)) s.CloseAllConnections(); else s.EndAllConnections(); }),
        ("net.connect", f => { var o = f.ConnectOptions(); return f2 => f2.Track(Net.Connect(o)); }),
        ("net.connect(string)", f => { string s = f.PathOrPort(); return f2 => f2.Track(Net.Connect(s)); }),
        ("socket.write(bytes)", f => { var d = f.Bytes(); return f2 => f2.AnySocket().Write(d, f2.Chance(50) ? null : f2.ErrorSink("write callback")); }),
        ("socket.write(slice)", f => { var d = f.Bytes(); int o = f.Next(-2, d.Length + 2), c = f.Next(-2, d.Length + 2); return f2 => f2.AnySocket().Write(d, o, c); }),
        ("socket.write(string, encoding)", f => { string t = f.Text(); string e = f.Encoding(); return f2 => f2.AnySocket().Write(t, e); }),
        ("socket.end", f => { var d = f.Bytes(); bool with = f.Chance(50); return f2 => { if (with) f2.AnySocket().End(d); else f2.AnySocket().End(); }; }),
        ("socket.destroy", f => { bool err = f.Chance(30); return f2 => f2.AnySocket().Destroy(err ? new Fuzzed() : null); }),
        ("socket.resetAndDestroy", f => f2 => f2.AnySocket().ResetAndDestroy()),
        ("socket.destroySoon", f => f2 => f2.AnySocket().DestroySoon()),
        ("socket.pause/resume", f => { bool p = f.Chance(50); return f2 => { if (p) f2.AnySocket().Pause(); else f2.AnySocket().Resume(); }; }),
        ("socket.setEncoding", f => { string e = f.Encoding(); return f2 => f2.AnySocket().SetEncoding(e); }),
        ("socket.setTimeout", f => { double ms = f.Pick(new[] { 0, 1, 50, -1, double.NaN, double.PositiveInfinity, 1e12 }); return f2 => f2.AnySocket().SetTimeout(ms); }),
        ("socket.setNoDelay/setKeepAlive", f => { bool on = f.Chance(50); double d = f.Next(-1000, 5000); return f2 => f2.AnySocket().SetNoDelay(on).SetKeepAlive(on, d); }),
        ("socket.setTypeOfService", f => { int tos = f.Next(-5, 300); return f2 => f2.AnySocket().SetTypeOfService(tos); }),
        ("socket.ref/unref", f => { bool r = f.Chance(50); return f2 => { if (r) f2.AnySocket().Ref(); else f2.AnySocket().Unref(); }; }),
        ("socket state", f => f2 =>
        {
            var s = f2.AnySocket();
            _ = (s.Address(), s.RemoteAddress, s.RemotePort, s.LocalPort, s.BytesRead, s.BytesWritten, s.ReadyState, s.State, s.Pending,
                s.WritableLength, s.BufferSize, s.ReadableFlowing, s.Timeout, s.LocalEndPoint, s.RemoteEndPoint, s.PeerCredentials);
        }),
        ("socket.connect again", f => { var o = f.ConnectOptions(); return f2 => f2.AnySocket().Connect(o); }),
        ("on/once with a typed listener", f => { string e = f.EventName(); int t = f.Next(0, 6); bool once = f.Chance(30); return f2 => f2.Listen(f2.AnyEmitter(), e, t, once); }),
        ("emit", f => { string e = f.EventName(); object?[] args = f.Args(); return f2 => f2.AnyEmitter().Emit(e, args); }),
        // 'error' keeps its listener: an 'error' nobody listens to ends the loop, as it ends a Node process, by design. So
        // does a server's 'connection', which gives each connection its 'error' listener (without it, a peer's reset ends
        // the loop, as in Node).
        ("removeAllListeners/setMaxListeners", f => { string e = f.EventName(); int n = f.Next(-3, 20); return f2 => { var em = f2.AnyEmitter(); if (e is not ("error" or "connection") && f2.Chance(20)) em.RemoveAllListeners(e); em.SetMaxListeners(n); }; }),
        ("ipc send", f => { var d = f.Bytes(); int what = f.Next(0, 3); return f2 => f2.IpcSend(d, what); }),
    ];

    // ---- Task style: from this thread, with a deadline and a cancellation at a random moment ----

    private async Task TaskStyle()
    {
        // Cancelled at a random moment: before the call, at once, or a little into it. Cancelled, every call must end.
        using var cts = new CancellationTokenSource();
        int when = _rng.Next(4);
        if (when == 0) cts.Cancel();
        else cts.CancelAfter(when == 1 ? 0 : _rng.Next(1, 50));
        var token = cts.Token;
        Socket? socket;
        lock (_sockets) socket = _sockets.Count > 0 ? Pick(_sockets) : null;
        Server? server = _servers.Count > 0 ? Pick(_servers) : null;
        var data = Bytes();
        string name;
        Func<Task> call;
        switch (_rng.Next(10))
        {
            case 1 when socket != null: name = "WriteAsync"; call = () => socket.WriteAsync(data, token); break;
            case 2 when socket != null: name = "ReadAsync"; call = () => socket.ReadAsync(new byte[_rng.Next(0, 100)], token).AsTask(); break;
            case 3 when socket != null: name = "EndAsync"; call = () => socket.EndAsync(token); break;
            case 4 when socket != null: name = "DisposeAsync"; call = () => socket.DisposeAsync().AsTask(); break;
            case 5 when server != null: name = "ListenAsync"; var listen = ListenOptions(); call = () => server.ListenAsync(listen, token); break;
            case 6 when server != null: name = "CloseAsync"; call = () => server.CloseAsync(token); break;
            case 7 when socket != null: name = "OnceAsync"; string e = EventName(); call = () => socket.OnceAsync(e, token); break;
            case 8 when socket != null: name = "AsPipe write"; call = async () => await socket.AsPipe().Output.WriteAsync(data, token).ConfigureAwait(false); break;
            case 9 when socket != null: name = "ReceiveHandleAsync"; call = () => socket.ReceiveHandleAsync(token); break;
            case 0: name = "ConnectAsync"; var options = ConnectOptions(); call = async () => Track(await _loop.ConnectAsync(options, token).ConfigureAwait(false)); break;
            default: name = "ConnectAsync(port)"; int port = Port(); call = async () => Track(await _loop.ConnectAsync(port, "127.0.0.1", token).ConfigureAwait(false)); break;
        }
        Task task;
        try { task = call(); }
        catch (Exception e) { Judge(name, e, cancellable: true); return; }
        try
        {
            await task.WaitAsync(_deadline).ConfigureAwait(false);
            _succeeded++;
        }
        catch (TimeoutException) when (!task.IsCompleted) { Violation(name, "still pending after its cancellation"); }
        catch (InvalidOperationException e) when (e.Source == "System.IO.Pipelines") { _refused++; } // the pipe view's own contract
        catch (Exception e) { Judge(name, e, cancellable: true); }
    }

    // ---- Calls with no loop of their own ----

    private void Standalone()
    {
        string s = Text();
        string name;
        Action call;
        switch (_rng.Next(6))
        {
            case 0: name = "isIP"; call = () => _ = (Net.IsIP(s), Net.IsIPv4(s), Net.IsIPv6(s)); break;
            case 1: name = "SocketAddress.parse"; call = () => _ = Net.SocketAddress.Parse(s); break;
            case 2:
                name = "new SocketAddress";
                var options = new Net.SocketAddressOptions { Address = Pick(Hosts), Port = Next(-5, 70000), Family = Pick(Families) };
                call = () => _ = new Net.SocketAddress(options);
                break;
            case 3: name = "blockList.addAddress/check"; call = () => { _blockList.AddAddress(Pick(Hosts), Pick(Families)); _ = _blockList.Check(Pick(Hosts), Pick(Families)); }; break;
            case 4: name = "blockList.addSubnet"; call = () => _blockList.AddSubnet(Pick(Hosts), Next(-3, 140), Pick(Families)); break;
            default: name = "blockList.addRange"; call = () => _blockList.AddRange(Pick(Hosts), Pick(Hosts), Pick(Families)); break;
        }
        try { call(); _succeeded++; }
        catch (Exception e) { Judge(name, e, cancellable: false); }
    }

    // ---- Objects: made on the loop, every 'error' checked ----

    private Server NewServer(ServerOptions options)
    {
        // A multi-loop server's connections live on its other loops, whose thread this driver's calls are not on.
        var s = Net.CreateServer(options, c => { if (c.Loop == _loop) Track(c); else c.On<Exception>("error", e => Judge("socket 'error'", e, cancellable: true)); });
        s.On<Exception>("error", e => Judge("server 'error'", e, cancellable: true));
        _servers.Add(s);
        if (_servers.Count > 12) { var old = _servers[0]; _servers.RemoveAt(0); old.Dispose(); }
        s.On("listening", () => { if (s.Address() is { IsPipe: false } a) _ports.Add(a.Port); else if (s.Address() is { } p) _paths.Add(p.Address); });
        return s;
    }

    private Server AnyServer() => _servers.Count > 0 && Chance(90) ? Pick(_servers) : NewServer(ServerOptions());

    private Socket Track(Socket s)
    {
        lock (_sockets)
        {
            s.Loop.RunOrPostForFuzz(() => s.On<Exception>("error", e => Judge("socket 'error'", e, cancellable: true)));
            _sockets.Add(s);
            if (_sockets.Count > 40) { var old = _sockets[0]; _sockets.RemoveAt(0); old.Abort(); }
        }
        return s;
    }

    private Socket AnySocket()
    {
        lock (_sockets) if (_sockets.Count > 0 && Chance(90)) return Pick(_sockets);
        return Track(Net.Connect(ConnectOptions()));
    }

    private EventEmitter AnyEmitter() => Chance(50) ? AnySocket() : Chance(70) ? AnyServer() : new EventEmitter();

    private Action<Exception?> ErrorSink(string what) => e => { if (e != null) Judge(what, e, cancellable: true); };

    private void Listen(EventEmitter emitter, string eventName, int type, bool once)
    {
        Delegate listener = type switch
        {
            0 => (Action)(() => { }),
            1 => (Action<string>)(_ => { }),
            2 => (Action<byte[]>)(_ => { }),
            3 => (Action<int>)(_ => { }),
            4 => (Action<Exception>)(_ => { }),
            _ => (Action<bool>)(_ => { }),
        };
        if (once) emitter.Once(eventName, listener); else emitter.On(eventName, listener);
    }

    private void IpcSend(byte[] data, int what)
    {
        var socket = AnySocket();
        if (what == 0) socket.Send(data, ErrorSink("send callback"));
        else if (what == 1) socket.SendHandle(AnyServer(), data, ErrorSink("sendHandle callback"));
        else socket.SendHandle(AnySocket(), data, ErrorSink("sendHandle callback"));
    }

    private async Task CloseEverything()
    {
        try
        {
            await _loop.InvokeAsync(() =>
            {
                lock (_sockets) foreach (var s in _sockets) s.Destroy();
                foreach (var s in _servers) s.Dispose();
            }).WaitAsync(_deadline).ConfigureAwait(false);
        }
        catch (Exception e) { Violation("closing everything", e.ToString()); }
    }

    // ---- Arguments, good and bad ----

    private static readonly string[] Hosts = ["127.0.0.1", "::1", "localhost", "", "0.0.0.0", "::", "256.1.1.1", "a\0b", "nodenet-fuzz.invalid", "::ffff:127.0.0.1", "1.2.3", "fe80::1%lo"];
    private static readonly string[] Families = ["ipv4", "ipv6", "IPv4", "ipx", ""];
    private static readonly string[] Encodings = ["utf8", "utf-8", "hex", "base64", "base64url", "latin1", "binary", "ascii", "ucs2", "utf16le", "nope", ""];
    private static readonly string[] Events = ["data", "end", "close", "error", "connect", "connection", "listening", "drain", "timeout", "message", "handle", "drop", "mine", "newListener", "removeListener"];

    private int Next(int min, int max) => _rng.Next(min, max);
    private string Host() => Pick(Hosts);
    private string Encoding() => Pick(Encodings);
    private string EventName() => Pick(Events);

    private int Port()
    {
        lock (_ports) if (_ports.Count > 0 && Chance(70)) return Pick(_ports);
        return Pick(new[] { 0, 1, -1, 65535, 65536, 70000, _rng.Next(1024, 65535) });
    }

    private string NewPath() => Pick(new[]
    {
        Path.Combine(_dir, $"s{_rng.Next(20)}.sock"), Path.Combine(_dir, new string('x', 150)), "\0nodenet-fuzz-" + _rng.Next(20), "", Path.Combine(_dir, "no/such/dir.sock"),
    });

    private string PathOrPort()
    {
        lock (_paths) if (_paths.Count > 0 && Chance(40)) return Pick(_paths);
        return Chance(50) ? NewPath() : Pick(new[] { "80", "-1", "1.5", "65536", "0x10", " 1" });
    }

    private string Text()
    {
        var sb = new StringBuilder();
        int n = _rng.Next(0, 40);
        for (int i = 0; i < n; i++) sb.Append(Chance(80) ? (char)_rng.Next(32, 127) : (char)_rng.Next(0, 0xD7FF));
        return Chance(20) ? Pick(Hosts) : sb.ToString();
    }

    private byte[] Bytes()
    {
        var data = new byte[Pick(new[] { 0, 1, 64, 1000, 65536, 300_000 })];
        _rng.NextBytes(data);
        return data;
    }

    private object?[] Args() => Pick(new[] { Array.Empty<object?>(), new object?[] { "x" }, new object?[] { 1 }, new object?[] { null }, new object?[] { new byte[2], true } });

    private ServerOptions ServerOptions() => new()
    {
        AllowHalfOpen = Chance(30), PauseOnConnect = Chance(20), NoDelay = Chance(30), KeepAlive = Chance(20),
        HighWaterMark = Chance(70) ? null : Pick(new int?[] { -1, 0, 1, 1 << 20 }), Ipc = Chance(15),
        Loops = Chance(90) ? 1 : Pick(new[] { 2, 0, -1 }), LoopMode = Chance(50) ? LoopMode.Pass : LoopMode.ReusePort,
        BlockList = Chance(10) ? _blockList : null,
    };

    // Only descriptors this process does not use: listen({ fd }) adopts a socket or pipe descriptor and closes it with the
    // server, as in Node, so a small number would take the test host's own stdio or its channel to the test runner.
    private ListenOptions ListenOptions() => new()
    {
        Port = Chance(70) ? Port() : null, Host = Chance(50) ? Host() : null, Path = Chance(40) ? NewPath() : null,
        Backlog = Chance(80) ? null : Next(-5, 1000), Ipv6Only = Chance(10), ReusePort = Chance(10), ReadableAll = Chance(10),
        Fd = Chance(95) ? null : Pick(new int?[] { -3, -1, 1 << 20 }), Mode = Chance(90) ? null : (UnixFileMode)Next(-1, 0x200),
        Signal = Chance(10) ? new CancellationToken(true) : default,
    };

    private ConnectOptions ConnectOptions() => new()
    {
        Port = Chance(80) ? Port() : null, Host = Chance(70) ? Host() : null, Path = Chance(25) ? PathOrPort() : null,
        Family = Chance(80) ? 0 : Pick(new[] { 4, 6, 5 }), LocalAddress = Chance(90) ? null : Host(), LocalPort = Chance(95) ? null : Next(-1, 70000),
        Timeout = Chance(80) ? null : Pick(new double[] { 0, 10, -1 }), NoDelay = Chance(30), AllowHalfOpen = Chance(30),
        HighWaterMark = Chance(80) ? null : Pick(new int?[] { -1, 0, 1 }), AutoSelectFamilyAttemptTimeout = Chance(90) ? null : Next(-1, 100),
        TypeOfService = Chance(90) ? null : Next(-1, 300), Ipc = Chance(10),
        Signal = Chance(90) ? default : new CancellationToken(Chance(50)),
    };
}

internal static class ApiFuzzerLoopExtensions
{
    /// <summary>Runs on the loop now when on its thread, else posts (sockets made from Task-style calls are off the loop).</summary>
    public static void RunOrPostForFuzz(this EventLoop loop, Action action)
    {
        if (loop.IsLoopThread) action();
        else loop.Post(action);
    }
}
