using System.Text;

namespace NodeNet.Tests.Conformance;

// Twins of the scenarios for the members of Node 20's net that came last: autoSelectFamily defaults, BlockList,
// SocketAddress, captureRejections, onread, lookup/hints, and the stream options.
public static partial class Scenarios
{
    public static void AutoSelectFamilyDefaults(Trace t)
    {
        int before = Net.GetDefaultAutoSelectFamilyAttemptTimeout();
        t.T("defaults", Net.GetDefaultAutoSelectFamily(), Net.GetDefaultAutoSelectFamilyAttemptTimeout());
        Net.SetDefaultAutoSelectFamilyAttemptTimeout(5);
        t.T("5 becomes", Net.GetDefaultAutoSelectFamilyAttemptTimeout());
        Net.SetDefaultAutoSelectFamilyAttemptTimeout(300);
        t.T("300", Net.GetDefaultAutoSelectFamilyAttemptTimeout());
        foreach (int v in new[] { 0, -1 }) t.TryDo($"set {v}", () => Net.SetDefaultAutoSelectFamilyAttemptTimeout(v));
        t.T("unchanged", Net.GetDefaultAutoSelectFamilyAttemptTimeout());
        Net.SetDefaultAutoSelectFamily(false);
        t.T("family off", Net.GetDefaultAutoSelectFamily());
        Net.SetDefaultAutoSelectFamily(true);
        Net.SetDefaultAutoSelectFamilyAttemptTimeout(before); // the process-wide default back for the scenarios after this one
        Server? s = null;
        s = Net.CreateServer(sock => sock.End());
        t.Listen(s, p =>
        {
            t.TryDo("connect timeout 0", () => Net.Connect(new ConnectOptions { Port = p, Host = "127.0.0.1", AutoSelectFamilyAttemptTimeout = 0 }));
            t.TryDo("connect timeout -5", () => Net.Connect(new ConnectOptions { Port = p, Host = "127.0.0.1", AutoSelectFamilyAttemptTimeout = -5 }));
            var c = Net.Connect(new ConnectOptions { Port = p, Host = "127.0.0.1", AutoSelectFamilyAttemptTimeout = 5 }, () => t.T("connected with 5"));
            c.Resume();
            c.On("close", () => s!.Close());
        });
    }

    public static void BlockList(Trace t)
    {
        var b = new Net.BlockList();
        b.AddAddress("123.123.123.123");
        b.AddRange("10.0.0.1", "10.0.0.10");
        b.AddSubnet("8592:757c:efae:4e45::", 64, "ipv6");
        b.AddAddress("::ffff:1.2.3.4", "IPv6");
        t.T("rules", b.Rules);
        t.T("check", b.Check("123.123.123.123"), b.Check("10.0.0.3"), b.Check("10.0.0.11"), b.Check("222.111.111.222"));
        t.T("check v6", b.Check("8592:757c:efae:4e45::f", "ipv6"), b.Check("8592:757c:efae:4e46::", "ipv6"));
        t.T("check mapped", b.Check("::ffff:123.123.123.123", "ipv6"), b.Check("::ffff:7b7b:7b7b", "ipv6"), b.Check("1.2.3.4"));
        t.T("check not an address", b.Check("not an ip"), b.Check("1.2.3.4", "ipv6"), b.Check("1.2.3.4", "ipv7"));
        var c = new Net.BlockList();
        c.AddSubnet("192.168.0.0", 16);
        c.AddSubnet("0.0.0.0", 0);
        c.AddRange("::1", "::ff", "ipv6");
        t.T("subnets", c.Check("192.168.255.1"), c.Check("8.8.8.8"), c.Check("::7f", "ipv6"), c.Rules);
        var d = new Net.BlockList();
        d.AddRange(new Net.SocketAddress(new Net.SocketAddressOptions { Address = "1.1.1.1" }), new Net.SocketAddress(new Net.SocketAddressOptions { Address = "1.1.1.9" }));
        d.AddSubnet(new Net.SocketAddress(new Net.SocketAddressOptions { Address = "9.9.0.0" }), 16);
        d.AddAddress(new Net.SocketAddress(new Net.SocketAddressOptions { Address = "::2", Family = "ipv6" }));
        t.T("socket addresses", d.Rules, d.Check(new Net.SocketAddress(new Net.SocketAddressOptions { Address = "1.1.1.5" })),
            d.Check(new Net.SocketAddress(new Net.SocketAddressOptions { Address = "9.8.0.0" })));
        t.TryDo("range backwards", () => b.AddRange("10.0.0.10", "10.0.0.1"));
        t.TryDo("range across families", () => b.AddRange("1.1.1.1", "::2"));
        t.TryDo("subnet 33", () => b.AddSubnet("1.2.3.4", 33));
        t.TryDo("subnet v6 129", () => b.AddSubnet("::", 129, "ipv6"));
        t.TryDo("subnet -1", () => b.AddSubnet("1.0.0.0", -1));
        t.TryDo("family ipv5", () => b.AddAddress("1.2.3.4", "ipv5"));
        t.TryDo("not an address", () => b.AddAddress("not-ip"));
        t.TryDo("v6 as v4", () => b.AddAddress("::1"));
        t.TryDo("null address", () => b.AddAddress((string)null!));
        t.TryDo("check null", () => b.Check((string)null!));
        t.T("rules after errors", b.Rules.Count);
    }

    public static void SocketAddressParse(Trace t)
    {
        static object Show(Net.SocketAddress? a) => a == null ? "undefined" : new object[] { a.Address, a.Family, a.Port, a.Flowlabel };
        foreach (string input in new[] { "1.2.3.4:1234", "1.2.3.4", "[::1]:8124", "::1", "[::1]", "localhost:80", "1.2.3.4:70000",
            "1.2.3.4:-1", "[::ffff:1.2.3.4]:1", "", "nope", "1.2.3.4:", "1.2.3.4:0x10", "[fe80::1%25eth0]:5",
            "0x7f.1:80", "2130706433", "1.2.3.4:080", "a@1.2.3.4:5/path", " 1.2.3.4 ", "1.2.3.256", "[::1]x", "1.2.3", "01.02.03.010", "1.2.3.4.", "[::1]:65536", "[0:0::1]:7" })
            t.T("parse", input, Show(Net.SocketAddress.Parse(input)));
        var j = Net.SocketAddress.Parse("[::1]:8")!.ToJSON();
        t.T("toJSON", j.Address, j.Port, j.Family, j.Flowlabel, new Net.SocketAddress(j).Port);
        t.T("isSocketAddress", Net.SocketAddress.IsSocketAddress(Net.SocketAddress.Parse("1.2.3.4")), Net.SocketAddress.IsSocketAddress(new object()));
        t.T("isBlockList", Net.BlockList.IsBlockList(new Net.BlockList()), Net.BlockList.IsBlockList(new object()), Net.BlockList.IsBlockList(null));
    }

    public static void EndWithoutConnect(Trace t)
    {
        var s = new Socket();
        s.On("finish", () => t.T("finish", s.Writable, s.WritableFinished));
        s.On<bool>("close", h => t.T("close", h, s.Destroyed));
        s.On<Exception>("error", e => t.T("error", ((INodeError)e).Code));
        s.End(() => t.T("end callback", null)); // Node passes an error to this callback; NodeNet's End(Action) has none (issue 24)
        t.T("sync", s.Writable, s.WritableEnded, s.ReadyState, s.Pending, s.Connecting);
    }

    public static void SocketAddress(Trace t)
    {
        static object[] Show(Net.SocketAddress a) => [a.Address, a.Family, a.Port, a.Flowlabel];
        t.T("default", Show(new Net.SocketAddress()));
        t.T("v6 default", Show(new Net.SocketAddress(new Net.SocketAddressOptions { Family = "ipv6" })));
        t.T("given", Show(new Net.SocketAddress(new Net.SocketAddressOptions { Address = "::1", Family = "IPv6", Port = 80, Flowlabel = 7 })));
        t.T("v4", Show(new Net.SocketAddress(new Net.SocketAddressOptions { Address = "10.1.2.3", Port = 65535 })));
        t.TryDo("bad address", () => new Net.SocketAddress(new Net.SocketAddressOptions { Address = "nope" }));
        t.TryDo("v6 as v4", () => new Net.SocketAddress(new Net.SocketAddressOptions { Address = "::1" }));
        t.TryDo("family", () => new Net.SocketAddress(new Net.SocketAddressOptions { Family = "ipv9" }));
        t.TryDo("port", () => new Net.SocketAddress(new Net.SocketAddressOptions { Port = 70000 }));
        t.TryDo("flowlabel", () => new Net.SocketAddress(new Net.SocketAddressOptions { Flowlabel = -1 }));
    }

    public static void CaptureRejections(Trace t)
    {
        Server? s = null;
        s = Net.CreateServer(new ServerOptions { CaptureRejections = true });
        s.On<Socket>("connection", async sock =>
        {
            t.T("connection");
            sock.On<Exception>("error", e => t.T("server socket error", e.Message));
            sock.On<bool>("close", h => t.T("server socket close", h));
            await Task.Yield();
            throw new InvalidOperationException("handler failed");
        });
        t.Listen(s, p =>
        {
            var c = Net.Connect(p, "127.0.0.1");
            c.On("end", () => t.T("client end"));
            c.On<bool>("close", h =>
            {
                t.T("client close", h);
                var d = new Socket(new SocketOptions { CaptureRejections = true });
                d.On<Exception>("error", e => t.T("socket error", e.Message));
                d.On<bool>("close", h2 => { t.T("socket close", h2); s!.Close(); });
                d.On("connect", async () => { await Task.CompletedTask; throw new InvalidOperationException("connect listener failed"); });
                d.Connect(p, "127.0.0.1");
            });
            c.Resume();
        });
    }

    public static void Onread(Trace t)
    {
        var loop = EventLoop.Current!;
        Server? s = null;
        s = Net.CreateServer(sock => { sock.Write("hello "); loop.SetTimeout(() => sock.End("world"), 30); });
        t.Listen(s, p =>
        {
            var buf = new byte[4];
            int reads = 0;
            Socket? c = null;
            c = Net.Connect(new ConnectOptions
            {
                Port = p, Host = "127.0.0.1",
                OnRead = new OnReadOptions
                {
                    Buffer = buf,
                    Callback = (n, b) =>
                    {
                        reads++;
                        t.T("read", n, ReferenceEquals(b, buf), Encoding.UTF8.GetString(b, 0, n));
                        if (reads != 1) return true;
                        loop.SetTimeout(() => { t.T("resume"); c!.Resume(); }, 60);
                        return false;
                    },
                },
            });
            c.On<byte[]>("data", d => t.T("data event", Encoding.UTF8.GetString(d)));
            c.On("end", () => t.T("end"));
            c.On<bool>("close", h => { t.T("close", h); s!.Close(); OnreadSecond(t); });
        });
    }

    private static void OnreadSecond(Trace t)
    {
        Server? s2 = null;
        s2 = Net.CreateServer(sock => sock.End("abcdef"));
        t.Listen(s2, p =>
        {
            int asked = 0;
            var c = Net.Connect(new ConnectOptions
            {
                Port = p, Host = "127.0.0.1",
                OnRead = new OnReadOptions
                {
                    BufferFactory = () => { asked++; return new byte[3]; },
                    Callback = (n, b) => { t.T("function read", n, b.Length, Encoding.UTF8.GetString(b, 0, n)); return true; },
                },
            });
            c.On("end", () => t.T("function end", asked > 0));
            c.On("close", () => s2!.Close());
        });
    }

    public static void LookupFailure(Trace t)
    {
        const string host = "nodenet-no-such-host.invalid";
        var c = Net.Connect(new ConnectOptions { Port = 80, Host = host, AutoSelectFamily = false });
        c.On("lookup", (Action<Exception?, string?, int?, string>)((e, a, f, h) => t.T("lookup", Trace.Err(e), (e as NodeNetException)?.Hostname, a, h)));
        c.On<Exception>("error", e => t.T("error", Trace.Err(e), ((NodeNetException)e).Hostname));
        c.On<bool>("close", h => t.T("close", h));
    }

    public static void ConnectLookup(Trace t)
    {
        Server? s = null;
        s = Net.CreateServer(sock => sock.End());
        t.Listen(s, p =>
        {
            LookupFunction lookup = (host, opts, cb) =>
            {
                t.T("asked", host, opts.Family, opts.Hints, opts.All);
                cb(null, opts.All ? [new("127.0.0.2", 4), new("127.0.0.1", 4)] : [new("127.0.0.1", 4)]);
            };
            Socket? c = null;
            c = Net.Connect(new ConnectOptions { Port = p, Host = "example.test", Lookup = lookup, AutoSelectFamilyAttemptTimeout = 2000 });
            c.On("connectionAttemptFailed", (Action<string, int, int, Exception>)((a, port, f, e) => t.T("attempt failed", a, ((INodeError)e).Code)));
            c.Once("connect", () => { t.T("connected", c!.RemoteAddress, c.AutoSelectFamilyAttemptedAddresses); c.Destroy(); });
            c.Once("close", () =>
            {
                c!.Connect(new ConnectOptions { Port = p, Host = "127.0.0.1" }, () => { t.T("reconnected", c.AutoSelectFamilyAttemptedAddresses); c.Destroy(); });
                c.Once("close", () => LookupSingle(t, s!, p));
            });
        });
    }

    private static void LookupSingle(Trace t, Server s, int p)
    {
        LookupFunction lookup = (host, opts, cb) => { t.T("asked", host, opts.Family, opts.Hints, opts.All); cb(null, [new("127.0.0.1", 4)]); };
        var c = Net.Connect(new ConnectOptions { Port = p, Host = "single.test", Family = 4, Hints = 0, Lookup = lookup });
        c.On("lookup", (Action<Exception?, string?, int?, string>)((e, a, f, h) => t.T("lookup event", Trace.Err(e), a, f, h)));
        c.On("connect", () => { t.T("single connected"); c.Destroy(); });
        c.On("close", () => LookupBad(t, s, p));
    }

    private static void LookupBad(Trace t, Server s, int p)
    {
        var loop = EventLoop.Current!;
        int pending = 3;
        void Done() { if (--pending == 0) { t.TryDo("bad hints", () => Net.Connect(new ConnectOptions { Port = p, Host = "example.test", Hints = 1234567 })); s.Close(); } }
        var family = Net.Connect(new ConnectOptions { Port = p, Host = "family.test", AutoSelectFamily = false, Lookup = (h, o, cb) => cb(null, [new("127.0.0.1", 5)]) });
        family.On<Exception>("error", e => t.T("bad family", Trace.Err(e)));
        family.On("close", Done);
        var notIp = Net.Connect(new ConnectOptions { Port = p, Host = "notip.test", AutoSelectFamily = false, Lookup = (h, o, cb) => cb(null, [new("not-an-ip", 4)]) });
        notIp.On<Exception>("error", e => t.T("not an ip", Trace.Err(e)));
        notIp.On("close", Done);
        var failed = Net.Connect(new ConnectOptions
        {
            Port = p, Host = "fails.test",
            Lookup = (h, o, cb) => loop.SetTimeout(() => cb(new NodeNetException("ENOTFOUND", "no such host"), []), 5),
        });
        failed.On<Exception>("lookup", e => t.T("failed lookup event", ((INodeError)e).Code));
        failed.On<Exception>("error", e => t.T("lookup failed", ((INodeError)e).Code, e.Message));
        failed.On("close", Done);
    }

    public static void ConnectPortString(Trace t)
    {
        Server? s = null;
        s = Net.CreateServer(sock => sock.End("hi"));
        s.Listen(0, () =>
        {
            int p = s.Address()!.Port;
            t.T("#port", p);
            var c = new Socket();
            c.SetEncoding("utf8");
            c.Connect(p.ToString(System.Globalization.CultureInfo.InvariantCulture), () => t.T("connected", c.RemotePort == p));
            c.On<string>("data", d => t.T("data", d));
            c.On<Exception>("error", e => t.T("error", ((INodeError)e).Code));
            c.On("close", () => s.Close());
        });
    }

    public static void ConnectWhileConnecting(Trace t)
    {
        Server? s = null;
        s = Net.CreateServer(sock => sock.On<Exception>("error", _ => { }));
        t.Listen(s, p =>
        {
            var c = new Socket();
            c.On<Exception>("error", e => { var n = (INodeError)e; t.T("error", n.Code, n.Syscall, n.Address, n.Port); });
            c.On("connect", () => t.T("connect"));
            c.Connect(p, "127.0.0.1");
            try { c.Connect(p, "127.0.0.1"); t.T("second connect returned", c.Connecting, c.ReadyState); }
            catch (Exception e) { t.T("threw", Trace.Err(e)); }
            c.On<bool>("close", h => { t.T("close", h); s!.Close(); });
        });
    }

    public static void ListenHostWithoutPort(Trace t)
    {
        var s = Net.CreateServer();
        t.TryDo("host only", () => s.Listen(new ListenOptions { Host = "127.0.0.1" }));
        t.T("listening", s.Listening);
    }

    public static void StreamOptions(Trace t)
    {
        static int[] Hwm(Socket s) => [s.ReadableHighWaterMark, s.WritableHighWaterMark];
        t.T("default", Hwm(new Socket()));
        t.T("apart", Hwm(new Socket(new SocketOptions { ReadableHighWaterMark = 100, WritableHighWaterMark = 200 })));
        t.T("both wins", Hwm(new Socket(new SocketOptions { HighWaterMark = 1000, ReadableHighWaterMark = 10 })));
        Server? s = null;
        s = Net.CreateServer(sock => sock.End());
        t.Listen(s, p =>
        {
            var c = Net.Connect(new ConnectOptions { Port = p, Host = "127.0.0.1", HighWaterMark = 1024, NoDelay = true, KeepAlive = true, KeepAliveInitialDelay = 2000 });
            t.T("connect passes", Hwm(c));
            c.On("connect", () => t.T("connected"));
            c.Resume();
            c.On("close", () => s!.Close());
        });
    }

    public static void ConnectWhenConnected(Trace t)
    {
        int accepted = 0;
        Server? s = null;
        s = Net.CreateServer(sock => { accepted++; sock.On<Exception>("error", _ => { }); });
        t.Listen(s, p =>
        {
            Socket? c = null;
            c = Net.Connect(p, "127.0.0.1", () =>
            {
                int? local = c!.LocalPort;
                t.T("first connect", c.Connecting, c.ReadyState);
                c.Connect(p, "127.0.0.1", () => { t.T("second connect", c.LocalPort == local, accepted); c.Destroy(); });
                t.T("after the call", c.Connecting, c.ReadyState, c.Destroyed);
            });
            c.On<Exception>("error", e => t.T("error", ((INodeError)e).Code));
            c.On<bool>("close", h => { t.T("close", h); s!.Close(); });
        });
    }
}
