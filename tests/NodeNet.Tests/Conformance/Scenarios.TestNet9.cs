namespace NodeNet.Tests.Conformance;

/// <summary>Twins of scenarios/net-*.js (Node's test-net-*.js), continued: ping-pong, listen and connect call forms.</summary>
public static partial class Scenarios
{
    public static void NetPingpong(Trace t)
    {
        void PingPong(string name, Func<Server, Action, Server> listen, Func<Server, Socket> connect, Action next)
        {
            const int N = 1000;
            int count = 0, sentPongs = 0, serverData = 0;
            bool sentFinalPing = false;
            var bad = new List<string>();
            void Check(string label, bool ok) { if (!ok && !bad.Contains(label)) bad.Add(label); }
            Server? server = null;
            server = Net.CreateServer(new ServerOptions { AllowHalfOpen = true }, socket =>
            {
                Check("socket.server", socket.Server == server);
                Check("getConnections returns server", server!.GetConnections((e, n) => Check("one connection", e == null && n == 1)) == server);
                socket.SetNoDelay();
                socket.SetTimeout(0);
                socket.SetEncoding("utf8");
                socket.On<string>("data", data =>
                {
                    serverData++;
                    Check("bufferSize", socket.BufferSize is >= 0 and <= 4);
                    Check("server writable", socket.Writable);
                    Check("server readable", socket.Readable);
                    Check("count", count <= N);
                    Check("PING", data == "PING");
                    socket.Write("PONG", _ => sentPongs++);
                });
                socket.On("end", () =>
                {
                    Check("end allowHalfOpen", socket.AllowHalfOpen);
                    Check("end writable", socket.Writable);
                    Check("end not readable", !socket.Readable);
                    socket.End();
                });
                socket.On<Exception>("error", e => bad.Add("server error " + ((INodeError)e).Code));
                socket.On("close", () =>
                {
                    Check("close not writable", !socket.Writable);
                    Check("close not readable", !socket.Readable);
                    socket.Server!.Close();
                });
            });
            listen(server, () =>
            {
                var client = connect(server);
                client.SetEncoding("ascii");
                client.On("connect", () =>
                {
                    Check("client readable", client.Readable);
                    Check("client writable", client.Writable);
                    client.Write("PING");
                });
                client.On<string>("data", data =>
                {
                    Check("PONG", data == "PONG");
                    count += 1;
                    if (sentFinalPing)
                    {
                        Check("final not writable", !client.Writable);
                        Check("final readable", client.Readable);
                        return;
                    }
                    Check("client writable", client.Writable);
                    Check("client readable", client.Readable);
                    if (count < N) client.Write("PING");
                    else { sentFinalPing = true; client.Write("PING"); client.End(); }
                });
                client.On<Exception>("error", e => bad.Add("client error " + ((INodeError)e).Code));
                client.On("close", () => { t.T(name, bad, count, sentPongs, serverData, sentFinalPing); next(); });
            });
        }
        string path = t.Tmp + "/pingpong.sock";
        PingPong("pipe", (s, cb) => s.Listen(path, cb), _ => Net.CreateConnection(path), () =>
            PingPong("tcp", (s, cb) => s.Listen(0, cb), s => Net.CreateConnection(t.Port(s.Address()!.Port)), () =>
                PingPong("::1", (s, cb) => s.Listen(0, "::1", cb), s => Net.CreateConnection(t.Port(s.Address()!.Port), "::1"), () => { })));
    }

    public static void NetServerListenOptions(Trace t)
    {
        var forms = new List<(string label, Action<Action<Server>> listen)>
        {
            ("listen()", cb => { var s = Net.CreateServer(); s.Listen().On("listening", () => cb(s)); }),
            ("listen(cb)", cb => { var s = Net.CreateServer(); s.Listen(() => cb(s)); }),
            ("listen(0)", cb => { var s = Net.CreateServer(); s.Listen(0).On("listening", () => cb(s)); }),
            ("listen({port: 0})", cb => { var s = Net.CreateServer(); s.Listen(new ListenOptions { Port = 0 }).On("listening", () => cb(s)); }),
            ("listen('0', cb)", cb => { var s = Net.CreateServer(); s.Listen("0", () => cb(s)); }),
            ("listen({port: 0}, cb)", cb => { var s = Net.CreateServer(); s.Listen(new ListenOptions { Port = 0 }, () => cb(s)); }),
            ("listen(0, cb)", cb => { var s = Net.CreateServer(); s.Listen(0, () => cb(s)); }),
        };
        void Bad()
        {
            foreach (int port in new[] { -1, 65536 })
            {
                t.TryDo($"listen({{port: {port}}})", () => Net.CreateServer().Listen(new ListenOptions { Port = port }, () => t.T("listening")));
                t.TryDo($"listen({port})", () => Net.CreateServer().Listen(port, () => t.T("listening")));
            }
            t.TryDo("listen({port: -1, path})", () => Net.CreateServer().Listen(new ListenOptions { Port = -1, Path = t.Tmp + "/x.sock" }, () => t.T("listening")));
            t.TryDo("listen({fd: -1})", () => Net.CreateServer().Listen(new ListenOptions { Fd = -1 }, () => t.T("listening")));
            t.TryDo("listen({})", () => Net.CreateServer().Listen(new ListenOptions(), () => t.T("listening")));
            t.TryDo("listen({host: 'localhost'})", () => Net.CreateServer().Listen(new ListenOptions { Host = "localhost" }, () => t.T("listening")));
            t.TryDo("listen({host: 'localhost:3000'})", () => Net.CreateServer().Listen(new ListenOptions { Host = "localhost:3000" }, () => t.T("listening")));
            t.TryDo("listen({exclusive: true})", () => Net.CreateServer().Listen(new ListenOptions { Exclusive = true }, () => t.T("listening")));
        }
        void Next(int i)
        {
            if (i == forms.Count) { Bad(); return; }
            forms[i].listen(s => { t.T(forms[i].label, s.Listening, s.Address()!.Family); s.Close(_ => Next(i + 1)); });
        }
        Next(0);
    }

    public static void NetServerListenPath(Trace t)
    {
        int counter = 0;
        string NewPath() => $"{t.Tmp}/listen-path-{counter++}";
        var forms = new List<(string label, Action<Action<Server>> listen)>
        {
            ("listen(path) + listening", cb => { var s = Net.CreateServer(); s.Listen(NewPath()).On("listening", () => cb(s)); }),
            ("listen({path}) + listening", cb => { var s = Net.CreateServer(); s.Listen(new ListenOptions { Path = NewPath() }).On("listening", () => cb(s)); }),
            ("listen(path, cb)", cb => { var s = Net.CreateServer(); s.Listen(NewPath(), () => cb(s)); }),
            ("listen({path}, cb)", cb => { var s = Net.CreateServer(); s.Listen(new ListenOptions { Path = NewPath() }, () => cb(s)); }),
        };
        void InUse()
        {
            string p = NewPath();
            var s1 = Net.CreateServer();
            s1.Listen(new ListenOptions { Path = p }, () =>
            {
                var s2 = Net.CreateServer();
                s2.Listen(new ListenOptions { Path = p, WritableAll = true }, () => t.T("second listening"));
                s2.On<Exception>("error", e => { s1.Close(); t.T("second error", ((INodeError)e).Code, e.Message.StartsWith("listen EADDRINUSE: address already in use", StringComparison.Ordinal)); });
            });
        }
        void Modes()
        {
            string p = NewPath();
            var s = Net.CreateServer();
            s.Listen(new ListenOptions { Path = p, ReadableAll = true, WritableAll = true }, () =>
            {
                int mode = Convert.ToInt32(Trace.Mode(p), 8);
                t.T("readableAll + writableAll", (mode & 0b100) != 0, (mode & 0b010) != 0);
                s.Close(_ => InUse());
            });
        }
        void Next(int i)
        {
            if (i == forms.Count) { Modes(); return; }
            // Node's address() is the path string for a pipe; NodeNet's AddressInfo says so with IsPipe.
            forms[i].listen(s => { t.T(forms[i].label, s.Listening, s.Address()!.IsPipe ? "string" : "object"); s.Close(_ => Next(i + 1)); });
        }
        Next(0);
    }

    public static void NetConnectOptionsPort(Trace t)
    {
        // The six forms of Node's doConnect (createConnection, connect, new Socket().connect; a callback or a 'connect' listener),
        // for each kind of argument C# can pass.
        List<Func<Socket>> ForOptions(ConnectOptions o, Func<Func<Action>> getCb) =>
        [
            () => Net.CreateConnection(o, getCb()()).Resume(),
            () => { var c = Net.CreateConnection(o); c.On("connect", getCb()()); return c.Resume(); },
            () => Net.Connect(o, getCb()()).Resume(),
            () => { var c = Net.Connect(o); c.On("connect", getCb()()); return c.Resume(); },
            () => new Socket().Connect(o, getCb()()).Resume(),
            () => { var c = new Socket().Connect(o); c.On("connect", getCb()()); return c.Resume(); },
        ];
        List<Func<Socket>> ForPortHost(int port, string host, Func<Func<Action>> getCb) =>
        [
            () => Net.CreateConnection(port, host, getCb()()).Resume(),
            () => { var c = Net.CreateConnection(port, host); c.On("connect", getCb()()); return c.Resume(); },
            () => Net.Connect(port, host, getCb()()).Resume(),
            () => { var c = Net.Connect(port, host); c.On("connect", getCb()()); return c.Resume(); },
            () => new Socket().Connect(port, host, getCb()()).Resume(),
            () => { var c = new Socket().Connect(port, host); c.On("connect", getCb()()); return c.Resume(); },
        ];
        List<Func<Socket>> ForString(string port, Func<Func<Action>> getCb) =>
        [
            () => Net.CreateConnection(port, getCb()()).Resume(),
            () => { var c = Net.CreateConnection(port); c.On("connect", getCb()()); return c.Resume(); },
            () => Net.Connect(port, getCb()()).Resume(),
            () => { var c = Net.Connect(port); c.On("connect", getCb()()); return c.Resume(); },
            () => new Socket().Connect(port, getCb()()).Resume(),
            () => { var c = new Socket().Connect(port); c.On("connect", getCb()()); return c.Resume(); },
        ];
        Func<Action> never = () => () => t.T("connected");
        void SyncFail(string label, ConnectOptions o)
        {
            var codes = ForOptions(o, () => never).Select(f => { try { f(); return "no throw"; } catch (Exception e) { return $"{((INodeError)e).Name} {((INodeError)e).Code}"; } }).ToList();
            t.T(label, codes.All(c => c == codes[0]) ? codes[0] : codes);
        }
        foreach (int port in new[] { -1, 65536 })
        {
            SyncFail($"{{port: {port}}}", new ConnectOptions { Port = port, Family = 4 });
            SyncFail($"{{port: {port}, host}}", new ConnectOptions { Port = port, Host = "localhost", Family = 4 });
        }
        int badHints = (DnsHints.AddrConfig | DnsHints.V4Mapped | DnsHints.All) + 42;
        SyncFail("bad hints", new ConnectOptions { Port = 42, Hints = badHints });
        try { Net.Connect(new ConnectOptions { Port = 42, Hints = badHints }); }
        catch (Exception e) { t.T("bad hints message", System.Text.RegularExpressions.Regex.IsMatch(e.Message, @"The argument 'hints' is invalid\. Received \d+")); }
        int connections = 0, callbacks = 0;
        Server? s = null;
        s = Net.CreateServer(sock => { sock.End("ok"); if (++connections == 30) s!.Close(); });
        void AsyncFail()
        {
            int n = 0;
            var fns = ForOptions(new ConnectOptions { Port = 0, Family = 4 }, () => never).Concat(ForOptions(new ConnectOptions { Port = 0, Host = "localhost", Family = 4 }, () => never)).ToList();
            var msgs = new List<string>();
            foreach (var f in fns)
                f().On<Exception>("error", e =>
                {
                    string m = System.Text.RegularExpressions.Regex.IsMatch("Error: " + e.Message, @"^Error: connect E\w+.+$") ? e.Message : e is INodeError ne ? ne.ToNodeString() : e.ToString();
                    if (!msgs.Contains(m)) msgs.Add(m);
                    if (++n == fns.Count) t.T("port 0", n, msgs);
                });
        }
        s.On("close", () => { t.T("connections", connections, callbacks); AsyncFail(); });
        t.Listen(s, p =>
        {
            Func<Action> cb = () => () => callbacks++;
            foreach (var f in ForOptions(new ConnectOptions { Port = p, Family = 4 }, () => cb)) f();
            foreach (var f in ForOptions(new ConnectOptions { Port = p, Host = "localhost", Family = 4 }, () => cb)) f();
            foreach (var f in ForPortHost(p, "127.0.0.1", () => cb)) f();
            foreach (string port in new[] { p.ToString(), $"0x{p:x}" }) foreach (var f in ForString(port, () => cb)) f();
        });
    }

    public static void NetListenIpv6only(Trace t)
    {
        void Attempt(int left)
        {
            var s = Net.CreateServer(_ => t.T("the ipv6Only server took an IPv4 connection"));
            s.Listen(new ListenOptions { Host = "::", Port = 0, Ipv6Only = true }, () =>
            {
                int p = s.Address()!.Port;
                var c = Net.Connect(new ConnectOptions { Host = "0.0.0.0", Port = p });
                c.On("connect", () =>
                {
                    c.Destroy();
                    s.Close();
                    // Another process holds this port over IPv4: try a new one, as the JS twin does.
                    if (left > 0) EventLoop.Current!.SetImmediate(() => Attempt(left - 1));
                    else t.T("connect");
                });
                c.On<Exception>("error", e => { t.Port(p); t.T("error", ((INodeError)e).Code, ((INodeError)e).Address); s.Close(); });
            });
        }
        Attempt(5);
    }

    public static void NetPersistentKeepalive(Trace t)
    {
        Socket? serverConn = null, client = null;
        Server? s = null;
        s = Net.CreateServer(conn =>
        {
            serverConn = conn;
            EventLoop.Current!.SetTimeout(() =>
            {
                t.T("after 600 ms", serverConn.ReadyState, client!.ReadyState);
                serverConn.End();
                client.End();
                s!.Close();
            }, 600);
            conn.SetTimeout(0);
            conn.On("end", () => conn.End());
        });
        t.Listen(s, p =>
        {
            client = new Socket();
            t.T("setKeepAlive returns socket", client.SetKeepAlive(true, 400) == client);
            client.Connect(p, "127.0.0.1");
            client.SetTimeout(0);
            client.Resume();
            client.On<bool>("close", h => t.T("client close", h));
        });
    }
}
