namespace NodeNet.Tests.Conformance;

/// <summary>Twins of scenarios/net-*.js (Node's test-net-*.js), continued.</summary>
public static partial class Scenarios
{
    public static void NetServerMaxConnectionsCloseMakesMoreAvailable(Trace t)
    {
        var conns = new Socket?[4];
        var received = new List<string>();
        var sent = new List<string>();
        var s = Net.CreateServer(sock => sock.On<byte[]>("data", d => { received.Add(System.Text.Encoding.UTF8.GetString(d)); sock.Write("acknowledged"); }));
        s.MaxConnections = 1;
        t.Listen(s, p =>
        {
            // Each step goes on once, as a settled promise does, whichever event comes first.
            void Open(int i, Action next)
            {
                bool done = false;
                void Resolve() { if (!done) { done = true; next(); } }
                Socket? c = null;
                c = Net.CreateConnection(p, "127.0.0.1", () => { c!.Write(i.ToString()); sent.Add(i.ToString()); });
                c.On<Exception>("error", e => { if (((INodeError)e).Code != "ECONNRESET") t.T("unexpected error", i, ((INodeError)e).Code); Resolve(); });
                c.On<byte[]>("data", _ => Resolve());
                c.On("end", Resolve);
                conns[i] = c;
            }
            void Close(int i, Action next) { conns[i]!.On("end", next); conns[i]!.End(); }
            Open(0, () => Open(1, () => Close(0, () => Open(2, () => Open(3, () =>
            {
                s.Close();
                Close(2, () => t.T("done", sent, received));
            })))));
        });
    }

    public static void NetServerMaxConnections(Trace t)
    {
        const int N = 20;
        int closes = 0, accepted = 0;
        var waits = new Queue<Action>();
        var order = new List<int>();
        var gotData = new bool[N];
        Server? s = null;
        s = Net.CreateServer(conn => { accepted++; conn.Write("hello"); waits.Enqueue(() => conn.End()); });
        s.MaxConnections = N / 2;
        t.Listen(s, p =>
        {
            void Make(int i)
            {
                var c = Net.CreateConnection(p, "127.0.0.1");
                c.On("connect", () =>
                {
                    if (i + 1 < N) Make(i + 1);
                    c.On("close", () =>
                    {
                        order.Add(i);
                        if (++closes == N / 2) { while (waits.TryDequeue(out var cb)) cb(); s!.Close(); }
                        if (closes == N) t.T("done", accepted, order.Take(N / 2).All(x => x >= N / 2), gotData.Select((g, j) => g == (j < N / 2)));
                    });
                });
                c.On("end", () => c.End());
                c.On<byte[]>("data", b => gotData[i] = b.Length > 0);
                c.On<Exception>("error", e => t.T("error", i, ((INodeError)e).Code));
            }
            Make(0);
        });
    }

    public static void NetServerPauseOnConnect(Trace t)
    {
        const string msg = "test";
        bool stopped = true;
        Socket? sock1 = null;
        Server? s1 = null, s2 = null;
        s1 = Net.CreateServer(new ServerOptions { PauseOnConnect = true }, sock =>
        {
            sock.On<byte[]>("data", d => { t.T("server1 data", stopped, System.Text.Encoding.UTF8.GetString(d)); sock.End(); s1!.Close(); });
            sock1 = sock;
        });
        s2 = Net.CreateServer(new ServerOptions { PauseOnConnect = false }, sock =>
        {
            sock.On<byte[]>("data", d =>
            {
                t.T("server2 data", System.Text.Encoding.UTF8.GetString(d));
                sock.End();
                s2!.Close();
                t.T("server1 bytesRead while paused", sock1!.BytesRead);
                sock1.Resume();
                stopped = false;
            });
        });
        t.Listen(s1, p1 =>
        {
            var c1 = Net.CreateConnection(new ConnectOptions { Port = p1, Host = "127.0.0.1" });
            c1.Resume();
            c1.Write(msg, _ => t.Listen(s2, p2 => { var c2 = Net.CreateConnection(new ConnectOptions { Port = p2, Host = "127.0.0.1" }); c2.Resume(); c2.Write(msg); }));
        });
    }

    public static void NetServerReset(Trace t)
    {
        var sockets = new List<Socket>();
        int spoken = 0, serverSocketCloses = 0, clientsClosed = 0;
        bool serverClosed = false;
        var clientErrors = new List<object?>();
        var hadErrors = new List<bool>();
        void Done()
        {
            if (serverSocketCloses < 2 || clientsClosed < 2 || !serverClosed) return;
            t.T("server closed, server sockets closed", serverSocketCloses);
            clientErrors.ForEach(e => t.T("client error", e));
            t.T("clients closed", hadErrors);
        }
        Server? s = null;
        s = Net.CreateServer(c =>
        {
            c.On("close", () => { serverSocketCloses++; Done(); });
            sockets.Add(c);
            c.Once<byte[]>("data", _ =>
            {
                if (++spoken == 2)
                {
                    t.T("close returns server", s!.Close() == s);
                    sockets.ForEach(x => x.ResetAndDestroy());
                }
            });
        });
        s.On("close", () => { serverClosed = true; Done(); });
        t.T("listen returns server", s.Listen(0, "127.0.0.1", () =>
        {
            int p = t.Port(s.Address()!.Port);
            for (int i = 0; i < 2; i++)
            {
                Socket? c = null;
                c = Net.CreateConnection(p, "127.0.0.1", () => c!.Write("x"));
                c.On<Exception>("error", e => clientErrors.Add(Trace.Err(e)));
                c.On<bool>("close", h => { clientsClosed++; hadErrors.Add(h); Done(); });
            }
        }) == s);
    }

    public static void NetServerTryPorts(Trace t)
    {
        var a = Net.CreateServer();
        var b = Net.CreateServer();
        b.On<Exception>("error", e =>
        {
            t.T("error", ((INodeError)e).Code, b.Listening);
            b.Listen(0, () => { t.T("b listening", b.Listening); a.Close(); b.Close(); });
        });
        a.Listen(0, () => b.Listen(t.Port(a.Address()!.Port)));
    }

    public static void NetServerUnrefPersistent(Trace t)
    {
        var s = Net.CreateServer();
        t.T("unref returns server", s.Unref() == s);
        s.Listen(0, "127.0.0.1", () => t.T("listening"));
        EventLoop.Current!.SetTimeout(() => { t.T("still alive after 1 s"); s.Close(); }, 1000).Unref();
    }

    public static void NetServerUnref(Trace t)
    {
        var s = Net.CreateServer();
        s.Listen(0);
        t.T("listening at once", s.Listening);
        s.Unref();
        EventLoop.Current!.SetTimeout(() => { t.T("still alive after 1 s"); s.Close(); }, 1000).Unref();
    }

    public static void NetSettimeout(Trace t)
    {
        const int T = 100;
        var s = Net.CreateServer(c => c.Write("hello"));
        t.Listen(s, p =>
        {
            var c = Net.CreateConnection(p, "127.0.0.1");
            var r = c.SetTimeout(T, () => t.T("timeout callback"));
            t.T("returns socket", r == c);
            c.On("timeout", () => t.T("timeout event"));
            c.On<byte[]>("data", _ => { t.T("data"); EventLoop.Current!.SetTimeout(() => { c.Destroy(); s.Close(); t.T("done"); }, T * 2); });
            c.SetTimeout(0);
            t.T("listeners", c.ListenerCount("timeout"));
        });
    }
}
