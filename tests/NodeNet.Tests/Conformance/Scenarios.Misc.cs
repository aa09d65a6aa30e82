using System.Text;

namespace NodeNet.Tests.Conformance;

public static partial class Scenarios
{
    public static void SetEncoding(Trace t)
    {
        byte[] euro = Encoding.UTF8.GetBytes("€uro ☃");
        var loop = EventLoop.Current!;
        var s = Net.CreateServer(sock =>
        {
            sock.Write(euro[..1]);
            loop.SetTimeout(() => sock.Write(euro[1..5]), 20);
            loop.SetTimeout(() => sock.End(euro[5..]), 40);
        });
        t.Listen(s, p =>
        {
            var c = Net.Connect(p, "127.0.0.1");
            var r = c.SetEncoding("utf8");
            t.T("returned this", r == c);
            var chunks = new List<object[]>();
            c.On<object>("data", d => chunks.Add([d is string ? "string" : "object", d]));
            c.On("end", () =>
            {
                t.T("chunks", chunks);
                var h = Net.Connect(p, "127.0.0.1"); h.SetEncoding("hex"); string hex = "";
                h.On<string>("data", d => hex += d);
                h.On("end", () =>
                {
                    t.T("hex", hex);
                    var b = Net.Connect(p, "127.0.0.1"); b.SetEncoding("base64"); string b64 = "";
                    b.On<string>("data", d => b64 += d);
                    b.On("end", () => { t.T("base64", b64); s.Close(); });
                });
            });
            t.TryDo("bad encoding", () => new Socket().SetEncoding("klingon"));
        });
    }

    public static void SocketCounters(Trace t)
    {
        var s = Net.CreateServer(sock => { sock.On<byte[]>("data", d => sock.Write(d)); sock.On("end", () => sock.End()); });
        t.Listen(s, p =>
        {
            var c = Net.Connect(p, "127.0.0.1");
            c.Write("abc");
            t.T("while connecting", c.BytesWritten, c.BytesRead, c.WritableLength, c.BufferSize, c.Pending, c.Connecting);
            int round = 0;
            c.On<byte[]>("data", d =>
            {
                t.T("data", d.Length, "read", c.BytesRead, "written", c.BytesWritten);
                if (++round == 1) c.End("defg");
            });
            c.Once("close", () =>
            {
                t.T("after close", c.BytesRead, c.BytesWritten, c.RemoteAddress, c.RemoteFamily, c.RemotePort is null ? "undefined" : "number", c.LocalAddress, c.BufferSize);
                c.Connect(p, "127.0.0.1", () => { t.T("reconnected", c.BytesRead, c.BytesWritten, c.ReadyState); c.End(); });
                c.Once("close", () => s.Close());
            });
        });
    }

    public static void FreshSocket(Trace t)
    {
        var c = new Socket();
        t.T("fresh", c.ReadyState, c.Pending, c.Connecting, c.Destroyed, c.BufferSize, c.Timeout, c.BytesRead, c.BytesWritten,
            c.RemoteAddress, c.LocalAddress, c.Writable, c.Readable, c.AllowHalfOpen, c.Server, c.WritableHighWaterMark);
        // Node returns {} where NodeNet returns null (see README, Differences from Node).
        t.T("address", c.Address() ?? (object)new Dictionary<string, object>());
        var d = new Socket(new SocketOptions { AllowHalfOpen = true });
        t.T("allowHalfOpen", d.AllowHalfOpen);
    }

    public static void IsIp(Trace t)
    {
        string[] inputs = ["127.0.0.1", "0.0.0.0", "255.255.255.255", "256.0.0.1", "01.2.3.4", "1.2.3", "1.2.3.4.5", "1.2.3.4/24",
            "::", "::1", "::ffff:127.0.0.1", "fe80::1%eth0", "[::1]", "2001:db8::1", "2001:db8:0:0:0:0:0:1", "2001:db8::g",
            "1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7:8:9", ":::", "localhost", "", " 127.0.0.1", "127.0.0.1\n", "fe80::1%", "::ffff:1.2.3.256", "1::"];
        foreach (var i in inputs) t.T(i, Net.IsIP(i), Net.IsIPv4(i), Net.IsIPv6(i));
    }

    public static void PauseOnConnect(Trace t)
    {
        Server? s = null;
        s = Net.CreateServer(new ServerOptions { PauseOnConnect = true }, sock =>
        {
            t.T("connection", sock.IsPaused(), sock.ReadableFlowing);
            sock.On<byte[]>("data", d => t.T("data", Encoding.UTF8.GetString(d), "bytesRead", sock.BytesRead));
            EventLoop.Current!.SetTimeout(() => { t.T("before resume", sock.BytesRead); sock.Resume(); }, 50);
            sock.On("end", () => { t.T("end"); s!.Close(); });
        });
        t.Listen(s, p =>
        {
            Socket? c = null;
            c = Net.Connect(p, "127.0.0.1", () => c!.End("hello"));
        });
    }

    public static void ConnectBadArgs(Trace t)
    {
        t.TryDo("connect({})", () => Net.Connect(new ConnectOptions()));
        t.TryDo("connect({port:-1})", () => Net.Connect(new ConnectOptions { Port = -1 }));
        t.TryDo("connect({port:65536})", () => Net.Connect(new ConnectOptions { Port = 65536 }));
        t.TryDo("connect({port, localAddress bad})", () => Net.Connect(new ConnectOptions { Port = 80, LocalAddress = "nope" }));
        t.TryDo("connect('65536')", () => Net.Connect("65536"));
    }

    public static void ConnectLocalhost(Trace t)
    {
        Server? s = null;
        s = Net.CreateServer(sock => sock.End());
        s.Listen(0, "127.0.0.1", () =>
        {
            int p = t.Port(s.Address()!.Port);
            var c = Net.Connect(p, "localhost");
            c.On<object?[]>("lookup", a => t.T("lookup", Trace.Err(a[0] as Exception), a[1], a[2], a[3]));
            c.On<string, int, int>("connectionAttempt", (ip, pt, fam) => t.T("attempt", ip, pt, fam));
            c.On<object?[]>("connectionAttemptFailed", a => t.T("attempt failed", a[0], a[1], a[2], ((INodeError)a[3]!).Code));
            c.On("connect", () => t.T("connect", c.RemoteAddress, c.RemoteFamily, c.AutoSelectFamilyAttemptedAddresses));
            c.Resume();
            c.On("close", () =>
            {
                var bad = Net.Connect(p, "no-such-host.invalid");
                bad.On<object?[]>("lookup", a => t.T("bad lookup", (a[0] as INodeError)?.Code, a[1], a[2], a[3]));
                bad.On<Exception>("error", e => { var n = (NodeNetException)e; t.T("bad error", n.Code, n.Syscall, n.Hostname); });
                bad.On<bool>("close", h => { t.T("bad close", h); s.Close(); });
            });
        });
    }

    public static void Ipv6Only(Trace t)
    {
        Server? s = null;
        s = Net.CreateServer(sock => sock.End());
        s.Listen(new ListenOptions { Port = 0, Host = "::", Ipv6Only = true }, () =>
        {
            int p = t.Port(s.Address()!.Port);
            var v4 = Net.Connect(p, "127.0.0.1");
            v4.On<Exception>("error", e =>
            {
                t.T("ipv4 client", ((INodeError)e).Code);
                Socket? v6 = null;
                v6 = Net.Connect(p, "::1", () => t.T("ipv6 client connected", v6!.RemoteFamily));
                v6.Resume();
                v6.On("close", () => s.Close());
            });
        });
    }

    public static void ListenSignal(Trace t)
    {
        var ac = new CancellationTokenSource();
        var s = Net.CreateServer();
        s.On("close", () => t.T("close"));
        s.Listen(new ListenOptions { Port = 0, Host = "127.0.0.1", Signal = ac.Token }, () =>
        {
            t.Port(s.Address()!.Port);
            t.T("listening");
            ac.Cancel();
            t.T("after abort", s.Listening);
        });
        var pre = new CancellationTokenSource();
        pre.Cancel();
        var s2 = Net.CreateServer();
        s2.On("listening", () => t.T("s2 listening"));
        s2.On("close", () => t.T("s2 close"));
        s2.Listen(new ListenOptions { Port = 0, Signal = pre.Token });
        t.T("s2 after listen", s2.Listening);
    }

    public static void WriteDrain(Trace t)
    {
        Server? s = null;
        s = Net.CreateServer(sock =>
        {
            sock.Pause();
            EventLoop.Current!.SetTimeout(() => sock.Resume(), 50);
            sock.On("end", () => { sock.End(); s!.Close(); });
        });
        t.Listen(s, p =>
        {
            Socket? c = null;
            c = Net.Connect(p, "127.0.0.1", () =>
            {
                bool r1 = c!.Write(new byte[10]);
                bool r2 = c.Write(new byte[32 * 1024 * 1024]);
                t.T("returns", r1, r2, c.WritableNeedDrain, c.WritableLength > 0);
                c.On("drain", () => { t.T("drain", c.WritableLength, c.WritableNeedDrain); c.End(); });
            });
        });
    }

    public static void WriteWhileConnectingFails(Trace t)
    {
        var s = Net.CreateServer();
        s.Listen(0, "127.0.0.1", () =>
        {
            int p = t.Port(s.Address()!.Port);
            s.Close(_ =>
            {
                var c = Net.Connect(p, "127.0.0.1");
                c.Write("first", e => t.T("first cb", (e as INodeError)?.Code));
                c.Write("second", e => t.T("second cb", (e as INodeError)?.Code));
                t.T("bytesWritten while connecting", c.BytesWritten);
                c.On<Exception>("error", e => t.T("error", ((INodeError)e).Code));
                c.On<bool>("close", h => t.T("close", h));
            });
        });
    }
}
