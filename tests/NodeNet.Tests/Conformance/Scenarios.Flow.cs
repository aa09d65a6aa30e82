
namespace NodeNet.Tests.Conformance;

public static partial class Scenarios
{
    public static void SetTimeout(Trace t)
    {
        Server? s = null;
        s = Net.CreateServer(sock => { sock.Resume(); sock.On("close", () => s!.Close()); });
        t.Listen(s, p =>
        {
            Socket? c = null;
            c = Net.Connect(p, "127.0.0.1", () =>
            {
                var r = c!.SetTimeout(40, () => t.T("timeout cb"));
                t.T("returned this", r == c, c.Timeout);
            });
            t.T("timeout before", c.Timeout);
            int n = 0;
            c.On("timeout", () =>
            {
                n++;
                t.T("timeout event", n, c.Destroyed, c.ReadyState);
                if (n == 1) EventLoop.Current!.SetTimeout(() => c.Write("activity"), 5);
                else { c.SetTimeout(0); t.T("timeout after 0", c.Timeout); c.End(); }
            });
            c.On("close", () => t.T("close", n));
            t.TryDo("setTimeout(-1)", () => c.SetTimeout(-1));
            t.TryDo("setTimeout(Infinity)", () => c.SetTimeout(double.PositiveInfinity));
            t.TryDo("setTimeout(NaN)", () => c.SetTimeout(double.NaN));
        });
    }

    public static void MaxConnectionsDrop(Trace t)
    {
        Socket? first = null;
        var s = Net.CreateServer(sock => { t.T("connection"); first = sock; sock.Resume(); });
        s.MaxConnections = 1;
        s.On<DropInfo>("drop", d => t.T("drop", null, d.LocalAddress, d.LocalPort, d.LocalFamily, d.RemoteAddress, d.RemoteFamily, d.RemotePort is int ? "number" : "undefined"));
        t.Listen(s, p =>
        {
            Socket? a = null;
            a = Net.Connect(p, "127.0.0.1", () =>
            {
                t.T("a connect");
                var b = Net.Connect(p, "127.0.0.1", () => t.T("b connect"));
                b.On("end", () => t.T("b end"));
                b.On<Exception>("error", e => t.T("b error", ((INodeError)e).Code));
                b.On<bool>("close", h =>
                {
                    t.T("b close", h);
                    first!.Destroy();
                    s.GetConnections((_, n) =>
                    {
                        t.T("connections after destroy", n);
                        Socket? c = null;
                        c = Net.Connect(p, "127.0.0.1", () => { t.T("c connect"); c!.End(); a!.End(); });
                        c.Resume();
                        c.On("close", () => { t.T("c close"); s.Close(); });
                    });
                });
                b.Resume();
            });
            a.Resume();
        });
    }

    public static void MaxConnectionsZero(Trace t)
    {
        int n = 0;
        var s = Net.CreateServer(sock => { n++; sock.End(); });
        s.MaxConnections = 0;
        s.On("drop", () => t.T("drop"));
        t.Listen(s, p =>
        {
            var c = Net.Connect(p, "127.0.0.1");
            c.Resume();
            c.On("close", () => { t.T("accepted", n); s.Close(); });
        });
    }

    public static void ServerUnref(Trace t)
    {
        var s = Net.CreateServer();
        s.Unref();
        s.Listen(0, "127.0.0.1", () => { t.Port(s.Address()!.Port); t.T("listening", s.Listening); });
        t.T("listen called");
        var u = Net.CreateServer();
        u.Listen(0, "127.0.0.1", () => { t.Port(u.Address()!.Port); t.T("second listening"); u.Unref(); });
    }

    public static void SocketUnref(Trace t)
    {
        var s = Net.CreateServer(sock => { sock.Resume(); sock.Unref(); });
        t.Listen(s, p =>
        {
            s.Unref();
            Socket? c = null;
            c = Net.Connect(p, "127.0.0.1", () => { t.T("connect"); c!.Unref(); });
            c.Unref();
            c.Ref();
        });
    }

    public static void GetConnections(Trace t)
    {
        var socks = new List<Socket>();
        Server? s = null;
        s = Net.CreateServer(sock =>
        {
            socks.Add(sock);
            bool sync = true;
            s!.GetConnections((e, n) => t.T("count", Trace.Err(e), n, "sync", sync));
            sync = false;
            if (socks.Count == 2)
            {
                socks[0].Destroy();
                s.GetConnections((_, n) => { t.T("after destroy", n); socks[1].Destroy(); s.Close(_ => t.T("closed")); });
            }
        });
        t.Listen(s, p =>
        {
            Socket? a = null;
            a = Net.Connect(p, "127.0.0.1", () =>
            {
                var b = Net.Connect(p, "127.0.0.1");
                b.On<Exception>("error", _ => { }); b.Resume();
            });
            a.On<Exception>("error", _ => { }); a.Resume();
        });
    }

    private static byte[] Pattern(int total, Func<int, byte> f)
    {
        var data = new byte[total];
        for (int i = 0; i < total; i++) data[i] = f(i);
        return data;
    }

    public static void Backpressure16mib(Trace t)
    {
        const int Total = 16 * 1024 * 1024;
        var data = Pattern(Total, i => (byte)((i * 7 + (i >> 11)) & 0xff));
        var expected = new Received(data);
        bool blocked = false;
        Server? s = null;
        s = Net.CreateServer(sock =>
        {
            int got = 0;
            bool pausedOnce = false;
            sock.On<byte[]>("data", d =>
            {
                expected.Append(d); got += d.Length;
                if (!pausedOnce && got > 1024 * 1024)
                {
                    pausedOnce = true; sock.Pause(); t.T("server paused", sock.IsPaused());
                    EventLoop.Current!.SetTimeout(() => { t.T("client blocked", blocked); sock.Resume(); }, 200);
                }
            });
            sock.On("end", () => { t.T("server got", got, expected.Matches); sock.End(); });
            sock.On("close", () => s!.Close());
        });
        t.Listen(s, p =>
        {
            Socket? c = null;
            c = Net.Connect(p, "127.0.0.1", () =>
            {
                int off = 0; bool sawFalse = false; int drains = 0;
                void Write()
                {
                    while (off < Total)
                    {
                        int n = Math.Min(65536, Total - off);
                        bool ok = c!.Write(data, off, n); off += n;
                        if (!ok) { sawFalse = true; blocked = true; return; }
                        blocked = false;
                    }
                    t.T("all written", sawFalse, drains > 0); c!.End();
                }
                c!.On("drain", () => { drains++; Write(); });
                Write();
            });
            c.Resume();
            c.On<bool>("close", h => t.T("client close", h));
        });
    }

    public static void Echo16mib(Trace t) =>
        Echo16MiB(t, i => (byte)((i * 13 + (i >> 9)) & 0xff),
            (server, ready) => t.Listen(server, port => ready(() => Net.Connect(port, "127.0.0.1"))));

    /// <summary>What came back, compared byte for byte with what was sent as it arrives (the node side compares SHA-256
    /// hashes; here no crypto library is needed, which qemu runs lack for arm64).</summary>
    private sealed class Received(byte[] sent)
    {
        private int _at;
        private bool _same = true;

        public void Append(byte[] chunk)
        {
            if (_at + chunk.Length > sent.Length || !chunk.AsSpan().SequenceEqual(sent.AsSpan(_at, chunk.Length))) _same = false;
            _at += chunk.Length;
        }

        public bool Matches => _same && _at == sent.Length;
    }

    /// <summary>The body of echo-16mib.js and pipe-echo-16mib.js: 16 MiB through an echo server, compared on return.</summary>
    internal static void Echo16MiB(Trace t, Func<int, byte> pattern, Action<Server, Action<Func<Socket>>> listen)
    {
        const int Total = 16 * 1024 * 1024;
        var data = Pattern(Total, pattern);
        var expected = new Received(data);
        Server? s = null;
        s = Net.CreateServer(sock =>
        {
            sock.On<byte[]>("data", d => { if (!sock.Write(d)) { sock.Pause(); sock.Once("drain", () => sock.Resume()); } });
            sock.On("close", () => s!.Close());
        });
        listen(s, connect =>
        {
            int got = 0;
            var c = connect();
            c.On("connect", () =>
            {
                int off = 0;
                void Write()
                {
                    while (off < Total)
                    {
                        int n = Math.Min(65536, Total - off);
                        bool ok = c.Write(data, off, n); off += n;
                        if (!ok) { c.Once("drain", Write); return; }
                    }
                    c.End();
                }
                Write();
            });
            c.On<byte[]>("data", d => { expected.Append(d); got += d.Length; });
            c.On("end", () => t.T("echoed", got, expected.Matches));
            c.On<bool>("close", h2 => t.T("close", h2));
        });
    }

    public static void Concurrent1000(Trace t)
    {
        const int N = 1000;
        int served = 0, ok = 0, closed = 0;
        Server? s = null;
        s = Net.CreateServer(sock => { served++; sock.On<byte[]>("data", d => sock.End(d)); });
        t.Listen(s, p =>
        {
            for (int i = 0; i < N; i++)
            {
                string msg = "conn-" + i;
                Socket? c = null;
                c = Net.Connect(p, "127.0.0.1", () => c!.Write(msg));
                string got = "";
                c.SetEncoding("utf8");
                c.On<string>("data", d => got += d);
                c.On("end", () => { if (got == msg) ok++; });
                c.On("close", () => { if (++closed == N) { t.T("done", served, ok, closed); s.Close(_ => t.T("server closed")); } });
            }
        });
    }

    public static void DestroyDuringWrite(Trace t)
    {
        // The server reads only once the client's socket has closed, so the destroy always meets queued writes and the two
        // sockets' events come in one order (timers here would race each other on a loaded machine, or under Wine).
        Socket? serverSock = null;
        bool destroyed = false;
        void ResumeWhenDestroyed() { if (serverSock != null && destroyed) serverSock.Resume(); }
        Server? s = null;
        s = Net.CreateServer(sock =>
        {
            sock.Pause();
            sock.On("end", () => t.T("server end"));
            sock.On<Exception>("error", e => t.T("server error", ((INodeError)e).Code));
            sock.On<bool>("close", h => { t.T("server close", h); s!.Close(); });
            serverSock = sock;
            ResumeWhenDestroyed();
        });
        t.Listen(s, p =>
        {
            Socket? c = null;
            c = Net.Connect(p, "127.0.0.1", () =>
            {
                var big = new byte[8 * 1024 * 1024];
                Array.Fill(big, (byte)1);
                bool r1 = c!.Write(big, e => t.T("big write cb", Trace.Err(e)));
                bool r2 = c.Write("queued", e => t.T("queued write cb", Trace.Err(e)));
                t.T("write results", r1, r2, c.WritableLength > 0);
                EventLoop.Current!.SetTimeout(() => { c.Destroy(); t.T("destroyed", c.Destroyed, c.BytesWritten > 0); }, 20);
            });
            c.On<Exception>("error", e => t.T("client error", Trace.Err(e)));
            c.On<bool>("close", h => { t.T("client close", h); destroyed = true; ResumeWhenDestroyed(); });
        });
    }

    public static void ResetAndDestroy(Trace t)
    {
        Server? s = null;
        s = Net.CreateServer(sock =>
        {
            sock.Resume();
            sock.On<Exception>("error", e => t.T("server error", Trace.Err(e)));
            sock.On("end", () => t.T("server end"));
            sock.On<bool>("close", h => { t.T("server close", h); s!.Close(); });
        });
        t.Listen(s, p =>
        {
            var c = Net.Connect(p, "127.0.0.1");
            var r = c.ResetAndDestroy();
            t.T("returned this", r == c, c.Destroyed);
            c.On("connect", () => t.T("connect"));
            c.On<Exception>("error", e => t.T("client error", Trace.Err(e)));
            c.On<bool>("close", h => t.T("client close", h));
        });
    }
}
