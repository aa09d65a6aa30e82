namespace NodeNet.Tests.Conformance;

/// <summary>Twins of scenarios/net-*.js (Node's test-net-*.js), continued: signals, connect forms, lookups.</summary>
public static partial class Scenarios
{
    public static void NetConnectAbortController(Trace t)
    {
        var live = new HashSet<Socket>();
        var s = Net.CreateServer();
        s.On<Socket>("connection", c => { live.Add(c); c.On("close", () => live.Remove(c)); });
        s.Listen(0, () =>
        {
            int p = t.Port(s.Address()!.Port);
            var loop = EventLoop.Current!;
            ConnectOptions Opts(CancellationToken signal) => new() { Port = p, Host = "localhost", Signal = signal };
            SocketOptions SockOpts(CancellationToken signal) => new() { Signal = signal };
            void Watch(string name, Socket c, Action next)
            {
                c.On<Exception>("error", e => t.T(name, "error", ((INodeError)e).Name, ((INodeError)e).Code));
                c.Once("close", () => { t.T(name, "close"); next(); });
            }
            var cases = new List<Action<Action>>
            {
                next => { var ac = new CancellationTokenSource(); var c = Net.Connect(Opts(ac.Token)); ac.Cancel(); Watch("postAbort", c, next); },
                next => { var ac = new CancellationTokenSource(); ac.Cancel(); Watch("preAbort", Net.Connect(Opts(ac.Token)), next); },
                next => { var ac = new CancellationTokenSource(); loop.SetImmediate(() => ac.Cancel()); Watch("tickAbort", Net.Connect(Opts(ac.Token)), next); },
                // Node's new net.Socket({ port, host, signal }) takes port and host but does not connect; SocketOptions has neither.
                next => { var ac = new CancellationTokenSource(); ac.Cancel(); Watch("constructor", new Socket(SockOpts(ac.Token)), next); },
                next => { var ac = new CancellationTokenSource(); var c = new Socket(SockOpts(ac.Token)); ac.Cancel(); Watch("constructorPost", c, next); },
                next => { var ac = new CancellationTokenSource(); var c = new Socket(SockOpts(ac.Token)); loop.SetImmediate(() => ac.Cancel()); Watch("constructorPostTick", c, next); },
            };
            void Next(int i)
            {
                if (i == cases.Count) { foreach (var c in live.ToList()) c.Destroy(); s.Close(_ => t.T("server closed")); return; }
                cases[i](() => Next(i + 1));
            }
            Next(0);
        });
    }

    public static void NetConnectOptionsPath(Trace t)
    {
        string path = t.Tmp + "/connect-options-path.sock";
        const int N = 12;
        int connections = 0, closed = 0, callbacks = 0;
        var s = Net.CreateServer();
        s.On<Socket>("connection", sock => { connections++; sock.End("ok"); });
        s.Listen(path, () =>
        {
            // Node's callback gets the socket as this; here each form hands its socket over once created.
            void Cb(Socket c)
            {
                callbacks++;
                c.End();
                c.On("close", () => { if (++closed == N) s.Close(_ => t.T("done", connections, callbacks, closed)); });
            }
            var forms = new List<Func<Socket>>
            {
                () => { Socket? c = null; c = Net.Connect(path, () => Cb(c!)); return c; },
                () => { var c = Net.Connect(path); c.On("connect", () => Cb(c)); return c; },
                () => { Socket? c = null; c = Net.CreateConnection(path, () => Cb(c!)); return c; },
                () => { var c = Net.CreateConnection(path); c.On("connect", () => Cb(c)); return c; },
                () => { var c = new Socket(); return c.Connect(path, () => Cb(c)); },
                () => { var c = new Socket().Connect(path); c.On("connect", () => Cb(c)); return c; },
                () => { Socket? c = null; c = Net.Connect(new ConnectOptions { Path = path }, () => Cb(c!)); return c; },
                () => { var c = Net.Connect(new ConnectOptions { Path = path }); c.On("connect", () => Cb(c)); return c; },
                () => { Socket? c = null; c = Net.CreateConnection(new ConnectOptions { Path = path }, () => Cb(c!)); return c; },
                () => { var c = Net.CreateConnection(new ConnectOptions { Path = path }); c.On("connect", () => Cb(c)); return c; },
                () => { var c = new Socket(); return c.Connect(new ConnectOptions { Path = path }, () => Cb(c)); },
                () => { var c = new Socket().Connect(new ConnectOptions { Path = path }); c.On("connect", () => Cb(c)); return c; },
            };
            foreach (var f in forms) { var c = f(); c.Resume(); }
        });
    }

    public static void NetConnectPausedConnection(Trace t)
    {
        var s = Net.CreateServer(conn => conn.Unref());
        s.Listen(0, () =>
        {
            var c = Net.Connect(t.Port(s.Address()!.Port), "localhost");
            t.T("pause returns socket", c.Pause() == c);
            EventLoop.Current!.SetTimeout(() => { t.T("still alive after 1 s"); c.Destroy(); s.Close(); }, 1000).Unref();
        }).Unref();
    }

    public static void NetDnsCustomLookup(Trace t)
    {
        var loop = EventLoop.Current!;
        void Check(int family, Action next)
        {
            string address = family == 4 ? "127.0.0.1" : "::1";
            Server? s = null;
            s = Net.CreateServer(client => { client.End(); s!.Close(_ => next()); });
            s.Listen(0, address, () =>
            {
                LookupFunction lookup = (host, o, cb) =>
                {
                    t.T(family, "asked", host, o.Family, o.All);
                    loop.NextTick(() => cb(null, [new(address, family)]));
                };
                var c = Net.Connect(new ConnectOptions { Port = t.Port(s.Address()!.Port), Host = "localhost", Family = family, Lookup = lookup });
                c.On("lookup", (Action<Exception?, string?, int?, string>)((e, ip, type, host) => t.T(family, "lookup", Trace.Err(e), ip, type, host)));
                c.On("connect", () => t.T(family, "connect", c.RemoteAddress));
                c.Resume();
            });
        }
        Check(4, () => Check(6, () =>
        {
            var c = Net.Connect(new ConnectOptions { Host = "localhost", Port = 80, Lookup = (h, o, cb) => cb(null, [new(null!, 4)]) });
            c.On<Exception>("error", e => t.T("no address", Trace.Err(e)));
        }));
    }

    public static void NetDnsError(Trace t)
    {
        string host = new('*', 64);
        string[] codes = ["ENOTFOUND", "EAI_FAIL"];
        var c = Net.Connect(42, host, () => t.T("connect"));
        c.On("lookup", (Action<Exception?, string?, int?, string>)((e, ip, type, h) => t.T("lookup", e != null, codes.Contains((e as INodeError)?.Code), ip, type)));
        c.On<Exception>("error", e => t.T("error", codes.Contains(((INodeError)e).Code), ((INodeError)e).Syscall, ((NodeNetException)e).Hostname == host));
    }

    public static void NetDnsLookupSkip(Trace t)
    {
        void Check(string address, Action next)
        {
            Server? s = null;
            s = Net.CreateServer(client => { client.End(); s!.Close(_ => next()); });
            s.Listen(0, address, () =>
            {
                var c = Net.Connect(t.Port(s.Address()!.Port), address);
                c.On("lookup", () => t.T(address, "lookup"));
                c.On("connect", () => t.T(address, "connect"));
                c.Resume();
            });
        }
        Check("127.0.0.1", () => Check("::1", () => { }));
    }

    public static void NetDnsLookup(Trace t)
    {
        Server? s = null;
        s = Net.CreateServer(client => { client.End(); s!.Close(); });
        s.Listen(0, () =>
        {
            var c = Net.Connect(t.Port(s.Address()!.Port), "localhost");
            c.On("lookup", (Action<Exception?, string?, int?, string>)((e, ip, type, host) =>
                t.T("lookup", Trace.Err(e), ip is "127.0.0.1" or "::1", type is 4 or 6, host)));
            c.Resume();
        });
    }

    public static void NetAutoselectfamilyAttemptTimeoutDefaultValue(Trace t) => t.T("default", Net.GetDefaultAutoSelectFamilyAttemptTimeout());

    /// <summary>Node's test/common/dns.js createMockedLookup: the addresses on the next tick (all of them when asked for all).</summary>
    private static LookupFunction MockedLookup(params string[] addrs)
    {
        var loop = EventLoop.Current!;
        return (host, o, cb) => loop.NextTick(() => cb(null, o.All ? addrs.Select(a => new LookupAddress(a, Net.IsIP(a))).ToList() : [new(addrs[0], Net.IsIP(addrs[0]))]));
    }

    public static void NetAutoselectfamilyDefault(Trace t)
    {
        bool before = Net.GetDefaultAutoSelectFamily();
        void On(Action next)
        {
            var s = Net.CreateServer(sock => sock.On<byte[]>("data", _ => { sock.Write("response-ipv4"); sock.End(); }));
            t.Listen(s, p =>
            {
                Net.SetDefaultAutoSelectFamily(true);
                var c = Net.CreateConnection(new ConnectOptions { Host = "example.org", Port = p, Lookup = MockedLookup("::1", "127.0.0.1"), AutoSelectFamilyAttemptTimeout = 2500 });
                Net.SetDefaultAutoSelectFamily(before);
                string response = "";
                c.SetEncoding("utf-8");
                c.On<string>("data", d => response += d);
                c.On("end", () => { t.T("on: end", response, c.AutoSelectFamilyAttemptedAddresses); s.Close(_ => next()); });
                c.Write("request");
            });
        }
        void Off()
        {
            var s = Net.CreateServer(sock => sock.On<byte[]>("data", _ => { sock.Write("response-ipv4"); sock.End(); }));
            t.Listen(s, p =>
            {
                Net.SetDefaultAutoSelectFamily(false);
                var c = Net.CreateConnection(new ConnectOptions { Host = "example.org", Port = p, Lookup = MockedLookup("::1", "127.0.0.1") });
                Net.SetDefaultAutoSelectFamily(before);
                c.On("ready", () => t.T("off: ready"));
                c.On<Exception>("error", e => { t.T("off: error", ((INodeError)e).Code, e.Message, c.AutoSelectFamilyAttemptedAddresses); s.Close(); });
            });
        }
        On(Off);
    }

    public static void NetAutoselectfamilyIpv4first(Trace t)
    {
        var v4 = Net.CreateServer(sock => sock.On<byte[]>("data", _ => { sock.Write("response-ipv4"); sock.End(); }));
        var v6 = Net.CreateServer(sock => sock.On<byte[]>("data", _ => { t.T("ipv6 data"); sock.Write("response-ipv6"); sock.End(); }));
        t.Listen(v4, p =>
        {
            v6.Listen(p, "::1", () =>
            {
                var c = Net.CreateConnection(new ConnectOptions { Host = "example.org", Port = p, Lookup = MockedLookup("127.0.0.1", "::1"), AutoSelectFamily = true });
                string response = "";
                c.SetEncoding("utf-8");
                c.On<string>("data", d => response += d);
                c.On("end", () => { t.T("end", response, c.AutoSelectFamilyAttemptedAddresses); v4.Close(); v6.Close(); });
                c.Write("request");
            });
        });
    }

    public static void NetAutoselectfamily(Trace t)
    {
        const int timeout = 2500;
        Action<Socket> Reply(string name) => sock => sock.On<byte[]>("data", _ => { sock.Write("response-" + name); sock.End(); });
        void Run(string name, int p, string[] addrs, Action next)
        {
            var c = Net.CreateConnection(new ConnectOptions { Host = "example.org", Port = p, Lookup = MockedLookup(addrs), AutoSelectFamily = true, AutoSelectFamilyAttemptTimeout = timeout });
            string response = "";
            c.SetEncoding("utf-8");
            c.On("ready", () => t.T(name, "ready", c.AutoSelectFamilyAttemptedAddresses));
            c.On<string>("data", d => response += d);
            c.On("end", () => { t.T(name, "end", response); next(); });
            c.Write("request");
        }
        void Fallback(Action next)
        {
            var s = Net.CreateServer(Reply("ipv4"));
            t.Listen(s, p => Run("fallback", p, ["::1", "127.0.0.1"], () => s.Close(_ => next())));
        }
        void Interleave(Action next)
        {
            var s = Net.CreateServer(Reply("ipv4"));
            t.Listen(s, p => Run("interleave", p, ["::ffff:127.0.0.2", "::ffff:127.0.0.3", "::1", "127.0.0.2", "127.0.0.3", "127.0.0.1"], () => s.Close(_ => next())));
        }
        void Ipv6First(Action next)
        {
            var v4 = Net.CreateServer(sock => sock.On<byte[]>("data", _ => t.T("ipv4 data")));
            var v6 = Net.CreateServer(Reply("ipv6"));
            t.Listen(v4, p => v6.Listen(p, "::1", () => Run("ipv6", p, ["::1", "127.0.0.1"], () => { v4.Close(); v6.Close(_ => next()); })));
        }
        void AllRefused(Action next)
        {
            var s = Net.CreateServer();
            t.Listen(s, p => s.Close(_ =>
            {
                var c = Net.CreateConnection(new ConnectOptions { Host = "example.org", Port = p, Lookup = MockedLookup("::1", "127.0.0.1"), AutoSelectFamily = true, AutoSelectFamilyAttemptTimeout = timeout });
                c.On("ready", () => t.T("refused", "ready"));
                c.On<Exception>("error", e =>
                {
                    var n = (NodeNetException)e;
                    t.T("refused", "error", n.Name, n.Code, c.AutoSelectFamilyAttemptedAddresses, n.Errors?.Select(x => x.Message).Order(StringComparer.Ordinal));
                    next();
                });
            }));
        }
        void Disabled()
        {
            var s = Net.CreateServer(Reply("ipv4"));
            t.Listen(s, p =>
            {
                var c = Net.CreateConnection(new ConnectOptions { Host = "example.org", Port = p, Lookup = MockedLookup("::1", "127.0.0.1"), AutoSelectFamily = false });
                c.On("ready", () => t.T("disabled", "ready"));
                c.On<Exception>("error", e => { t.T("disabled", "error", c.AutoSelectFamilyAttemptedAddresses, ((INodeError)e).Code, e.Message); s.Close(); });
            });
        }
        Fallback(() => Interleave(() => Ipv6First(() => AllRefused(Disabled))));
    }
}
