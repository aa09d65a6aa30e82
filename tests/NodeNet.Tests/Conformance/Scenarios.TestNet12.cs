namespace NodeNet.Tests.Conformance;

/// <summary>Twins of scenarios/net-*.js (Node's test-net-*.js), continued: socket-level options, timeouts and end forms.</summary>
public static partial class Scenarios
{
    public static void NetSocketConnectInvalidAutoselectfamilyattempttimeout(Trace t)
    {
        int before = Net.GetDefaultAutoSelectFamilyAttemptTimeout();
        foreach (int v in new[] { -10, 0 })
        {
            t.TryDo($"connect {v}", () => Net.Connect(new ConnectOptions { Port = 8080, AutoSelectFamily = true, AutoSelectFamilyAttemptTimeout = v }));
            t.TryDo($"setDefault {v}", () => Net.SetDefaultAutoSelectFamilyAttemptTimeout(v));
        }
        foreach (int v in new[] { 1, 9 }) { Net.SetDefaultAutoSelectFamilyAttemptTimeout(v); t.T($"default after {v}", Net.GetDefaultAutoSelectFamilyAttemptTimeout()); }
        Net.SetDefaultAutoSelectFamilyAttemptTimeout(before);
    }

    public static void NetSocketConnectWithoutCb(Trace t)
    {
        Server? s = null;
        s = Net.CreateServer(conn => { conn.End(); s!.Close(); });
        t.Listen(s, _ =>
        {
            var c = new Socket();
            c.On("connect", () => { t.T("connect", c.RemoteAddress, c.RemoteFamily); c.End(); });
            c.On<bool>("close", h => t.T("close", h));
            c.Resume();
            var a = s.Address()!;
            t.T("connect returns socket", c.Connect(new ConnectOptions { Port = a.Port, Family = a.Family == "IPv6" ? 6 : 4 }) == c);
        });
    }

    public static void NetSocketConnecting(Trace t)
    {
        Server? s = null;
        s = Net.CreateServer(conn => { conn.End(); s!.Close(); });
        t.Listen(s, p =>
        {
            Socket? c = null;
            c = Net.Connect(p, "127.0.0.1", () => { t.T("in callback", c!.Connecting); c.End(); });
            t.T("after connect()", c.Connecting);
            c.Resume();
        });
    }

    public static void NetSocketDestroyTwice(Trace t)
    {
        var s = Net.CreateServer();
        s.Listen(0);
        int p = t.Port(s.Address()!.Port);
        var c = Net.CreateConnection(p, "127.0.0.1");
        c.On<Exception>("error", e => { t.T("error", ((INodeError)e).Code, ((INodeError)e).Syscall); c.Destroy(); });
        c.On<bool>("close", h => t.T("close", h));
        s.Close();
    }

    public static void NetSocketEndBeforeConnect(Trace t)
    {
        var s = Net.CreateServer(sock => sock.Resume());
        t.Listen(s, p =>
        {
            var c = Net.CreateConnection(p, "127.0.0.1");
            c.On("connect", () => t.T("connect"));
            c.On("finish", () => t.T("finish"));
            c.On<bool>("close", h => { t.T("close", h); s.Close(); });
            c.End();
            t.T("ended", c.Connecting, c.WritableEnded);
        });
    }

    public static void NetSocketEndCallback(Trace t)
    {
        var s = Net.CreateServer(sock => sock.Resume()).Unref();
        s.Listen(0, "127.0.0.1", () =>
        {
            int p = t.Port(s.Address()!.Port);
            var called = new List<string>();
            Action Cb(string name) => () => { called.Add(name); if (called.Count == 3) t.T("callbacks", called.Order(StringComparer.Ordinal)); };
            Socket? c1 = null, c2 = null, c3 = null;
            c1 = Net.CreateConnection(p, "127.0.0.1", () => c1!.End(Cb("end(cb)")));
            c2 = Net.CreateConnection(p, "127.0.0.1", () => c2!.End("foo", callback: Cb("end(data, cb)")));
            c3 = Net.CreateConnection(p, "127.0.0.1", () => c3!.End("foo", "utf8", Cb("end(data, encoding, cb)")));
            foreach (var c in new[] { c1, c2, c3 }) c.Resume();
        });
    }

    public static void NetSocketLocalAddress(Trace t)
    {
        int conns = 0;
        var clientPorts = new List<int?>();
        var serverPorts = new List<int?>();
        var c = new Socket();
        c.Resume();
        var s = Net.CreateServer(sock => { serverPorts.Add(sock.RemotePort); sock.End(); });
        s.On("close", () => t.T("server close", conns, serverPorts.Count, serverPorts.SequenceEqual(clientPorts)));
        void Connect()
        {
            if (conns == 2) { s.Close(); return; }
            conns++;
            c.Once("close", Connect);
            t.T("connect returns socket", c.Connect(s.Address()!.Port, "127.0.0.1", () => clientPorts.Add(c.LocalPort)) == c);
        }
        t.Listen(s, _ => Connect());
    }

    public static void NetSocketReadyWithoutCb(Trace t)
    {
        Server? s = null;
        s = Net.CreateServer(conn => { conn.End(); s!.Close(); });
        s.Listen(0, "localhost", () =>
        {
            var a = s.Address()!;
            t.Port(a.Port);
            var c = new Socket();
            c.On("ready", () => { t.T("ready", c.RemoteAddress == a.Address); c.End(); });
            c.Resume();
            c.Connect(new ConnectOptions { Port = a.Port, Family = a.Family == "IPv6" ? 6 : 4 });
        });
    }

    public static void NetSocketResetTwice(Trace t)
    {
        var s = Net.CreateServer();
        s.Listen(0);
        int p = t.Port(s.Address()!.Port);
        var c = Net.CreateConnection(p, "127.0.0.1");
        c.On<Exception>("error", e => { t.T("error", ((INodeError)e).Code, ((INodeError)e).Syscall); t.T("reset returns socket", c.ResetAndDestroy() == c); });
        c.On<bool>("close", h => t.T("close", h));
        s.Close();
    }

    public static void NetSocketTimeoutUnref(Trace t)
    {
        var s = Net.CreateServer(c => { c.Write("hello"); c.Unref(); });
        s.Listen(0, "127.0.0.1", () =>
        {
            int p = t.Port(s.Address()!.Port);
            s.Unref();
            int connections = 0;
            var sockets = new List<(Socket socket, int timeout)>();
            foreach (int T in new[] { 8, 5, 3, 6, 2, 4 })
            {
                var c = Net.CreateConnection(p, "127.0.0.1");
                c.On("connect", () =>
                {
                    if (++connections == 6)
                    {
                        t.T("all connected");
                        foreach (var x in sockets) { x.socket.SetTimeout(x.timeout, () => { t.T("timed out", x.timeout); x.socket.Destroy(); }); x.socket.Unref(); }
                    }
                });
                sockets.Add((c, T * 1000));
            }
        });
    }

    public static void NetSocketTimeout(Trace t)
    {
        var s0 = new Socket();
        foreach (double d in new[] { -0.001, -1, double.NegativeInfinity, double.PositiveInfinity, double.NaN })
            t.TryDo($"setTimeout({JsNum(d)})", () => s0.SetTimeout(d, () => { }));
        foreach (double d in new[] { 0, 0.001, 1, 1e6 }) t.TryDo($"setTimeout({JsNum(d)})", () => s0.SetTimeout(d, () => { }));
        s0.Destroy();
        var s = Net.CreateServer();
        t.Listen(s, p =>
        {
            var c = Net.CreateConnection(p, "127.0.0.1");
            t.T("returns socket", c.SetTimeout(1, () =>
            {
                t.T("timeout");
                c.Destroy();
                t.T("after destroy returns socket", c.SetTimeout(1, () => t.T("timeout after destroy")) == c);
                s.Close();
            }) == c);
        });
    }

    /// <summary>A double as JavaScript's String(d) writes it, for labels.</summary>
    private static string JsNum(double d) => double.IsNaN(d) ? "NaN" : double.IsPositiveInfinity(d) ? "Infinity" : double.IsNegativeInfinity(d) ? "-Infinity"
        : d.ToString("R", System.Globalization.CultureInfo.InvariantCulture);

    public static void NetSocketTos(Trace t)
    {
        var s = Net.CreateServer(sock => sock.End());
        t.Listen(s, p =>
        {
            var c = new Socket();
            t.T("set before connect returns socket", c.SetTypeOfService(0x10) == c);
            c.Connect(p, "127.0.0.1");
            c.On("connect", () =>
            {
                foreach (int v in new[] { 256, -1 }) t.TryDo($"setTypeOfService({v})", () => c.SetTypeOfService(v));
                t.T("kept from before connect", c.GetTypeOfService() & 0xFC);
                foreach (int v in new[] { 0x10, 0x00, 0xFF, 0x3F }) { c.SetTypeOfService(v); t.T("set", v, c.GetTypeOfService() & 0xFC); }
                c.End();
            });
            c.On("end", () => s.Close());
            c.Resume();
        });
    }

    public static void NetTimeoutNoHandle(Trace t)
    {
        var c = new Socket();
        c.SetTimeout(50);
        c.On("timeout", () => t.T("timeout", c.Connecting, c.Pending, c.ReadyState));
        c.On("connect", () => t.T("connect"));
        EventLoop.Current!.SetTimeout(() => t.T("done"), 200);
    }

    public static void NetWriteArguments(Trace t)
    {
        var c = new Socket();
        c.On<Exception>("error", e => t.T("error", ((INodeError)e).Code));
        t.TryDo("write(null)", () => c.Write((byte[])null!));
    }
}
