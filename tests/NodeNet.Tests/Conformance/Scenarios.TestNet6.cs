namespace NodeNet.Tests.Conformance;

/// <summary>Twins of scenarios/net-*.js ported from Node's test/sequential/test-net-*.js: their fixed ports are ports
/// just freed (listened on with port 0, then closed).</summary>
public static partial class Scenarios
{
    public static void NetBetterErrorMessagesPort(Trace t)
    {
        var s = Net.CreateServer();
        t.Listen(s, p => s.Close(_ =>
        {
            var c = Net.CreateConnection(p);
            c.On("connect", () => t.T("connect"));
            c.On<Exception>("error", e =>
            {
                var n = (NodeNetException)e;
                var first = n.Errors is { Count: > 0 } errs ? errs[0] : n;
                t.T("error", n.Name, first.Code, first.Port == p, first.Address, first.Syscall);
            });
        }));
    }

    public static void NetConnectEconnrefused(Trace t)
    {
        const int ROUNDS = 5, PER_ROUND = 50;
        int rounds = 1, reqs = 0, errors = 0, other = 0;
        var loop = EventLoop.Current!;
        var s = Net.CreateServer();
        t.Listen(s, p => s.Close(_ => loop.SetTimeout(() =>
        {
            int baseline = loop.Diagnostics.Handles;
            int pending = 0;
            void Pummel()
            {
                for (pending = 0; pending < PER_ROUND; pending++)
                {
                    Net.CreateConnection(new ConnectOptions { Port = p, Host = "127.0.0.1", AutoSelectFamily = false }).On<Exception>("error", e =>
                    {
                        errors++;
                        var n = (NodeNetException)e;
                        if ((n.Errors is { Count: > 0 } errs ? errs[0] : n).Code != "ECONNREFUSED") other++;
                        if (--pending > 0) return;
                        if (rounds == ROUNDS) { loop.SetTimeout(() => t.T("done", rounds, reqs, errors, other, loop.Diagnostics.Handles - baseline), 0); return; }
                        rounds++;
                        Pummel();
                    });
                    reqs++;
                }
            }
            Pummel();
        }, 0)));
    }

    public static void NetConnectHandleEconnrefused(Trace t)
    {
        var s = Net.CreateServer();
        t.Listen(s, p => s.Close(_ =>
        {
            var c = Net.CreateConnection(p, "127.0.0.1");
            c.On("connect", () => t.T("connect"));
            c.On<Exception>("error", e => t.T("error", c.Connecting, ((INodeError)e).Code));
        }));
    }

    /// <summary>n ports just freed on <paramref name="host"/> (null: no host, as listen(0)).</summary>
    private static void FreePorts(int n, string? host, Action<List<int>> cb, List<int>? got = null)
    {
        got ??= [];
        if (got.Count == n) { cb(got); return; }
        var f = Net.CreateServer();
        Action listening = () => { got.Add(f.Address()!.Port); f.Close(_ => FreePorts(n, host, cb, got)); };
        if (host == null) f.Listen(0, listening); else f.Listen(0, host, listening);
    }

    public static void NetConnectLocalError(Trace t)
    {
        void Check(string name, ConnectOptions options, Action next)
        {
            var c = Net.Connect(options);
            c.On<Exception>("error", e =>
            {
                var n = (NodeNetException)e;
                t.T(name, n.Code, n.Syscall, n.LocalPort == options.LocalPort, n.LocalAddress,
                    e.Message == $"connect {n.Code} {n.Address}:{n.Port} - Local ({n.LocalAddress}:{n.LocalPort})");
                next();
            });
        }
        FreePorts(2, "127.0.0.1", ps =>
            Check("ipv4", new ConnectOptions { Port = ps[0], Host = "127.0.0.1", Family = 4, LocalPort = ps[1], LocalAddress = "127.0.0.1" }, () =>
                FreePorts(2, "::1", ps6 => Check("ipv6", new ConnectOptions { Host = "::1", Family = 6, Port = ps6[0], LocalPort = ps6[1], LocalAddress = "::1" }, () => { }))));
    }

    public static void NetLocalport(Trace t)
    {
        var f = Net.CreateServer();
        t.Listen(f, lp => f.Close(_ =>
        {
            Server? s = null;
            s = Net.CreateServer(sock =>
            {
                t.T("server sees remotePort", sock.RemotePort == lp);
                sock.End();
                sock.On("close", () => s!.Close());
            });
            t.Listen(s, p =>
            {
                var c = Net.Connect(new ConnectOptions { Host = "127.0.0.1", Port = p, LocalPort = lp });
                c.On("connect", () => t.T("client localPort", c.LocalPort == lp));
                c.Resume();
            });
        }));
    }

    public static void NetReconnectError(Trace t)
    {
        const int N = 20;
        int disconnects = 0, errors = 0;
        var s = Net.CreateServer();
        t.Listen(s, p => s.Close(_ =>
        {
            var c = Net.CreateConnection(p, "127.0.0.1");
            c.On("connect", () => t.T("connect"));
            c.On<Exception>("error", e =>
            {
                errors++;
                var n = (NodeNetException)e;
                if ((n.Errors is { Count: > 0 } errs ? errs[0] : n).Code != "ECONNREFUSED") t.T("error", n.Code);
            });
            c.On<bool>("close", h =>
            {
                if (disconnects++ < N) c.Connect(p, "127.0.0.1");
                else t.T("done", errors, disconnects, h);
            });
        }));
    }

    public static void NetServerAddress(Trace t)
    {
        object Shown(Server s, int? p)
        {
            var a = s.Address()!;
            return new Dictionary<string, object?> { ["address"] = a.Address, ["family"] = a.Family, ["port"] = p == null ? "number" : a.Port == p };
        }
        FreePorts(1, "127.0.0.1", p1 =>
        {
            var a = Net.CreateServer();
            a.On<Exception>("error", e => t.T("a error", ((INodeError)e).Code));
            a.Listen(p1[0], "127.0.0.1", () => { t.T("127.0.0.1", Shown(a, p1[0])); a.Close(_ => FreePorts(1, "::1", p2 =>
            {
                var b = Net.CreateServer();
                b.On<Exception>("error", e => t.T("b error", ((INodeError)e).Code));
                b.Listen(p2[0], "::1", () => { t.T("::1", Shown(b, p2[0])); b.Close(_ => FreePorts(1, null, p3 =>
                {
                    var c = Net.CreateServer();
                    c.On<Exception>("error", e => t.T("c error", ((INodeError)e).Code));
                    c.Listen(p3[0], () => { t.T("port only", Shown(c, p3[0])); c.Close(_ =>
                    {
                        var d = Net.CreateServer();
                        d.Listen(() => { t.T("no port", Shown(d, null)); d.Close(_ =>
                        {
                            var e = Net.CreateServer();
                            e.Listen(0, () => { t.T("port 0", Shown(e, null)); e.Close(); });
                        }); });
                    }); });
                })); });
            })); });
        });
    }

    public static void NetServerBind(Trace t)
    {
        var loop = EventLoop.Current!;
        var a = Net.CreateServer(stray => stray.Destroy());
        a.Listen(() => { t.T("listen(cb)", a.Address()!.Port > 100); a.Close(_ => FreePorts(1, null, p =>
        {
            var b = Net.CreateServer(stray => stray.Destroy());
            b.Listen(p[0]);
            loop.SetTimeout(() => { t.T("listen(port)", b.Address()!.Port == p[0], b.Address()!.Family); b.Close(_ => FreePorts(1, null, p2 =>
            {
                var c = Net.CreateServer(stray => stray.Destroy());
                c.Listen(p2[0], () => { t.T("listen(port, cb)", c.Address()!.Port == p2[0]); c.Close(_ => FreePorts(1, null, p3 =>
                {
                    var d = Net.CreateServer(stray => stray.Destroy());
                    d.Listen(p3[0], "0.0.0.0", 127, () => { t.T("listen(port, host, backlog, cb)", d.Address()!.Port == p3[0], d.Address()!.Address); d.Close(_ => FreePorts(1, null, p4 =>
                    {
                        var e = Net.CreateServer(stray => stray.Destroy());
                        e.Listen(p4[0], 127, () => { t.T("listen(port, backlog, cb)", e.Address()!.Port == p4[0], e.Address()!.Address); e.Close(); });
                    })); });
                })); });
            })); }, 100);
        })); });
    }
}
