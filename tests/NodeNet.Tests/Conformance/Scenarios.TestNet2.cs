using System.Text;

namespace NodeNet.Tests.Conformance;

/// <summary>Twins of scenarios/net-*.js (Node's test-net-*.js), continued.</summary>
public static partial class Scenarios
{
    public static void NetListenInvalidPort(Trace t)
    {
        var first = Net.CreateServer();
        first.Listen(0, "127.0.0.1", () => { t.Port(first.Address()!.Port); t.T("listening", Trace.Addr(first.Address())); first.Close(); });
        t.TryDo("listen('4294967295')", () => Net.CreateServer().Listen("4294967295", () => t.T("listening 1")));
        t.TryDo("listen({ port: 65536 })", () => Net.CreateServer().Listen(new ListenOptions { Port = 65536 }, () => t.T("listening 2")));
        t.TryDo("listen({ port: 65536, host: '0.0.0.0' })", () => Net.CreateServer().Listen(new ListenOptions { Port = 65536, Host = "0.0.0.0" }, () => t.T("listening 3")));
    }

    public static void NetOnreadStaticBuffer(Trace t)
    {
        var message = Encoding.ASCII.GetBytes("hello world");
        var loop = EventLoop.Current!;
        void Serve(Action<int> cb)
        {
            Server? s = null;
            s = Net.CreateServer(sock => { s!.Close(); sock.End(message); });
            t.Listen(s, cb);
        }
        string Text(List<byte[]> got) => Encoding.ASCII.GetString(got.SelectMany(b => b).ToArray());
        var cases = new List<(string name, Func<int, (Socket c, Func<object?[]> done)> run)>
        {
            ("static", p =>
            {
                var sockBuf = new byte[8]; bool same = true; var got = new List<byte[]>();
                var c = Net.Connect(new ConnectOptions { Port = p, Host = "127.0.0.1", OnRead = new OnReadOptions { Buffer = sockBuf,
                    Callback = (n, b) => { if (b != sockBuf) same = false; got.Add(b[..n]); return true; } } });
                return (c, () => ["static", Text(got), same]);
            }),
            ("factory", p =>
            {
                byte[][] pool = [new byte[2], new byte[2], new byte[2]]; int idx = -1, usage = 0; bool same = true; var got = new List<byte[]>();
                var c = Net.Connect(new ConnectOptions { Port = p, Host = "127.0.0.1", OnRead = new OnReadOptions {
                    BufferFactory = () => { usage++; idx = (idx + 1) % pool.Length; return pool[idx]; },
                    Callback = (n, b) => { if (b != pool[idx]) same = false; got.Add(b[..n]); return true; } } });
                return (c, () => ["factory", Text(got), same, usage]);
            }),
            ("pause", p =>
            {
                var sockBuf = new byte[8]; bool paused = false; int whilePaused = 0; var got = new List<byte[]>();
                Socket? c = null;
                c = Net.Connect(new ConnectOptions { Port = p, Host = "127.0.0.1", OnRead = new OnReadOptions { Buffer = sockBuf,
                    Callback = (n, b) =>
                    {
                        if (paused) whilePaused++;
                        got.Add(b[..n]);
                        paused = true; t.T("pause returns this", c!.Pause() == c);
                        loop.SetTimeout(() => { paused = false; c.Resume(); }, 100);
                        return true;
                    } } });
                return (c, () => ["pause", Text(got), whilePaused]);
            }),
            ("return false", p =>
            {
                var sockBuf = new byte[8]; bool paused = false; int whilePaused = 0; var got = new List<byte[]>();
                Socket? c = null;
                c = Net.Connect(new ConnectOptions { Port = p, Host = "127.0.0.1", OnRead = new OnReadOptions { Buffer = sockBuf,
                    Callback = (n, b) =>
                    {
                        if (paused) whilePaused++;
                        got.Add(b[..n]);
                        paused = true;
                        loop.SetTimeout(() => { paused = false; c!.Resume(); }, 100);
                        return false;
                    } } });
                return (c, () => ["return false", Text(got), whilePaused]);
            }),
        };
        void Next(int i)
        {
            if (i == cases.Count) return;
            Serve(p =>
            {
                var (c, done) = cases[i].run(p);
                c.On<byte[]>("data", _ => t.T(cases[i].name, "data event"));
                c.On("end", () => t.T(["end", .. done()]));
                c.On("close", () => Next(i + 1));
            });
        }
        Next(0);
    }

    public static void NetOptionsLookup(Trace t)
    {
        var c = Net.Connect(new ConnectOptions { Host = "localhost", Port = 0, Lookup = (host, o, cb) => cb(null, [new("127.0.0.1", 100)]) });
        c.On<Exception>("error", e => t.T("error", Trace.Err(e)));
        c.On<bool>("close", h => t.T("close", h));
    }

    public static void NetPipeConnectErrors(Trace t)
    {
        string file = t.Tmp + "/0.txt";
        File.WriteAllText(file, "");
        var a = Net.CreateConnection(file, () => t.T("connected to a file"));
        a.On<Exception>("error", e =>
        {
            var n = (INodeError)e;
            t.T("file", n.Code is "ENOTSOCK" or "ECONNREFUSED", n.Syscall);
            var b = Net.CreateConnection("no-ent-file", () => t.T("connected to nothing"));
            b.On<Exception>("error", e2 => t.T("missing", Trace.Err(e2)));
            b.On<bool>("close", h => t.T("close", h));
        });
    }

    public static void NetPipeWithLongPath(Trace t)
    {
        string path = $"{t.Tmp}/{new string('x', 10000)}.sock";
        var s = Net.CreateServer();
        s.Listen(path);
        s.On("listening", () => t.T("listening"));
        s.On<Exception>("error", e =>
        {
            var n = (INodeError)e;
            t.T("listen error", n.Code, n.Syscall, File.Exists(path));
            var c = Net.Connect(path);
            c.On<Exception>("error", e2 => t.T("connect error", ((INodeError)e2).Code, ((INodeError)e2).Syscall));
            c.On<bool>("close", h => t.T("close", h));
        });
    }

    public static void NetReconnect(Trace t)
    {
        const int N = 50;
        int recv = 0, ends = 0, disconnects = 0, serverClosesWithError = 0, conns = 0, badChunks = 0;
        var s = Net.CreateServer(sock =>
        {
            conns++;
            sock.Resume();
            sock.Write("hello\r\n");
            sock.On("end", () => sock.End());
            sock.On<bool>("close", h => { if (h) serverClosesWithError++; });
        });
        t.Listen(s, p =>
        {
            var c = Net.CreateConnection(p, "127.0.0.1");
            c.SetEncoding("UTF8");
            c.On<string>("data", d => { recv++; if (d != "hello\r\n") badChunks++; c.End(); });
            c.On("end", () => ends++);
            c.On<bool>("close", h =>
            {
                if (h) t.T("close with", h);
                if (disconnects++ < N) c.Connect(p, "127.0.0.1");
                else s.Close(_ => t.T("done", conns, recv, ends, disconnects, badChunks, serverClosesWithError));
            });
        });
    }

    public static void NetRemoteAddressPort(Trace t)
    {
        int closed = 0;
        Server? s = null;
        s = Net.CreateServer(sock =>
        {
            t.T("server sees", sock.RemoteAddress, sock.RemoteFamily, sock.RemotePort is int ? "number" : "undefined", sock.RemotePort != s!.Address()!.Port);
            sock.On("end", () => { if (++closed == 2) s.Close(); });
            sock.On("close", () => t.T("server after close", sock.RemoteAddress, sock.RemoteFamily));
            sock.Resume();
        });
        t.Listen(s, p =>
        {
            var c = Net.CreateConnection(p, "127.0.0.1");
            t.T("before connect", c.RemoteAddress, c.RemoteFamily, c.RemotePort);
            c.On("connect", () =>
            {
                t.T("connect", c.RemoteAddress, c.RemoteFamily, c.RemotePort == p);
                c.End();
                var c2 = Net.CreateConnection(p, "127.0.0.1");
                t.T("before connect 2", c2.RemoteAddress, c2.RemoteFamily, c2.RemotePort);
                c2.On("connect", () => { t.T("connect 2", c2.RemoteAddress, c2.RemoteFamily, c2.RemotePort == p); c2.End(); });
                c2.On("close", () => t.T("after close 2", c2.RemoteAddress, c2.RemoteFamily, c2.RemotePort == p));
            });
            c.On("close", () => t.T("after close", c.RemoteAddress, c.RemoteFamily, c.RemotePort == p));
        });
    }

    public static void NetRemoteAddress(Trace t)
    {
        var s = Net.CreateServer();
        t.Listen(s, p =>
        {
            var c = Net.Connect(new ConnectOptions { Port = p, Host = "127.0.0.1" });
            t.T("connecting", c.Connecting, c.RemoteAddress);
            c.On("connect", () => { t.T("connect", c.RemoteAddress != null, c.RemoteAddress); c.End(); });
            c.On("end", () => { t.T("end"); s.Close(); });
            c.Resume();
        });
    }

    public static void NetReuseport(Trace t)
    {
        var a = Net.CreateServer();
        var b = Net.CreateServer();
        a.Listen(new ListenOptions { Port = 0, ReusePort = true, Host = "127.0.0.1" }, () =>
        {
            int p = t.Port(a.Address()!.Port);
            b.Listen(new ListenOptions { Port = p, ReusePort = true, Host = "127.0.0.1" }, () =>
            {
                t.T("both listening", a.Address()!.Port == b.Address()!.Port, b.Address()!.Address);
                a.Close(); b.Close();
            });
        });
        b.On<Exception>("error", e => t.T("b error", ((INodeError)e).Code));
    }

    public static void NetServerBlocklist(Trace t)
    {
        var blockList = new Net.BlockList();
        blockList.AddAddress("127.0.0.1");
        var s = Net.CreateServer(new ServerOptions { BlockList = blockList }, _ => t.T("connection"));
        t.Listen(s, p =>
        {
            var a = s.Address()!;
            var c = Net.Connect(new ConnectOptions { LocalAddress = "127.0.0.1", Host = a.Address, Port = a.Port });
            c.On<Exception>("error", e => t.T("client error", ((INodeError)e).Code));
            c.On("close", () => { t.T("client close"); s.Close(); });
            c.Resume();
        });
    }

    public static void NetServerCallListenMultipleTimes(Trace t)
    {
        void First(Action next)
        {
            var dummy = Net.CreateServer();
            var s = Net.CreateServer();
            dummy.Listen(0, () => s.Listen(t.Port(dummy.Address()!.Port)));
            s.On<Exception>("error", e =>
            {
                t.T("error", ((INodeError)e).Code);
                s.Listen(0, () => { t.T("listening after error", s.Listening); dummy.Close(); s.Close(_ => next()); });
            });
        }
        void Second(Action next)
        {
            var s = Net.CreateServer();
            s.Listen(0, () => { t.T("second listening"); s.Close(_ => next()); });
            t.TryDo("listen() again", () => s.Listen());
        }
        void Third()
        {
            var s = Net.CreateServer();
            s.Listen(0, () =>
            {
                s.Close();
                s.Listen(0, () => { t.T("listening again after close", s.Listening); s.Close(); });
            });
        }
        First(() => Second(Third));
    }

    public static void NetServerCloseBeforeCallingLookupCallback(Trace t)
    {
        var s = Net.CreateServer();
        t.T("listen returns server", s.Listen(0, "localhost", () => t.T("listening")) == s);
        s.Close(e => t.T("close cb", e == null ? null : ((INodeError)e).Code));
        s.On("close", () => t.T("close", s.Listening));
    }

    public static void NetServerClose(Trace t)
    {
        var sockets = new List<Socket>();
        Server? s = null;
        s = Net.CreateServer(c =>
        {
            c.On("close", () => t.T("socket close"));
            sockets.Add(c);
            if (sockets.Count == 2)
            {
                t.T("close returns server", s!.Close() == s);
                sockets.ForEach(x => x.Destroy());
            }
        });
        s.On("close", () => t.T("server close"));
        t.T("listen returns server", s.Listen(0, "127.0.0.1", () =>
        {
            int p = t.Port(s.Address()!.Port);
            for (int i = 0; i < 2; i++) { var c = Net.CreateConnection(p, "127.0.0.1"); c.On<Exception>("error", _ => { }); c.Resume(); }
        }) == s);
    }

    public static void NetServerDropConnections(Trace t)
    {
        object?[] Info(DropInfo d) => [d.LocalAddress, d.LocalPort is > 0, d.RemoteAddress, d.RemotePort is > 0, d.RemoteFamily];
        void Second()
        {
            Socket? firstSocket = null;
            Server? s = null;
            s = Net.CreateServer(sock => { t.T("connection"); firstSocket = sock; });
            s.MaxConnections = 1;
            s.On<DropInfo>("drop", d => { t.T(["drop", .. Info(d)]); firstSocket!.Destroy(); s.Close(); });
            t.Listen(s, p =>
            {
                var a = Net.CreateConnection(p, "127.0.0.1", () =>
                {
                    var b = Net.CreateConnection(p, "127.0.0.1");
                    b.On<Exception>("error", _ => { }); b.Resume();
                });
                a.On<Exception>("error", _ => { }); a.Resume();
            });
        }
        var dormant = Net.CreateServer(_ => t.T("dormant connection"));
        dormant.MaxConnections = 0;
        dormant.On<DropInfo>("drop", d => { t.T(["dormant drop", .. Info(d)]); dormant.Close(_ => Second()); });
        t.Listen(dormant, p => { var c = Net.CreateConnection(p, "127.0.0.1"); c.On<Exception>("error", _ => { }); c.Resume(); });
    }

    public static void NetServerListenOptionsSignal(Trace t)
    {
        var a = Net.CreateServer();
        var ac = new CancellationTokenSource();
        a.On("close", () => t.T("aborted: close", a.Listening));
        a.Listen(new ListenOptions { Port = 0, Host = "127.0.0.1", Signal = ac.Token });
        ac.Cancel();
        var b = Net.CreateServer();
        b.On("close", () => t.T("pre-aborted: close", b.Listening));
        b.Listen(new ListenOptions { Port = 0, Host = "127.0.0.1", Signal = new CancellationToken(true) });
        b.On("listening", () => t.T("pre-aborted: listening"));
    }

    public static void NetServerListenRemoveCallback(Trace t)
    {
        var s = Net.CreateServer();
        int closes = 0;
        s.On("close", () => t.T("close", ++closes, s.ListenerCount("listening")));
        s.Listen(0, "127.0.0.1", () => { t.T("listening 1"); s.Close(); });
        s.Once("close", () => s.Listen(0, "127.0.0.1", () => { t.T("listening 2"); s.Close(); }));
    }

    public static void NetServerAsyncDispose(Trace t)
    {
        var a = Net.CreateServer();
        a.On("close", () => t.T("a close"));
        a.Listen(0, "127.0.0.1", async () =>
        {
            await a.DisposeAsync();
            t.T("a disposed", a.Address(), a.Listening);
            var b = Net.CreateServer();
            b.Listen(0, "127.0.0.1", async () =>
            {
                await b.DisposeAsync();
                t.T("b disposed once");
                try { await b.DisposeAsync(); t.T("b disposed twice"); }
                catch (Exception e) { t.T("b rejected", ((INodeError)e).Code); }
            });
        });
    }
}
