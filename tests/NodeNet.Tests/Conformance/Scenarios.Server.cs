namespace NodeNet.Tests.Conformance;

/// <summary>C# twins of scenarios/*.js, one method per file (kebab-case name in PascalCase).</summary>
public static partial class Scenarios
{
    public static void ListenForms(Trace t)
    {
        var steps = new (string, Func<Server, Server>)[]
        {
            ("listen()", s => s.Listen()),
            ("listen(cb)", s => s.Listen(() => t.T("cb"))),
            ("listen(0)", s => s.Listen(0)),
            ("listen(0, host)", s => s.Listen(0, "127.0.0.1")),
            ("listen(0, host, backlog, cb)", s => s.Listen(0, "127.0.0.1", 7, () => t.T("cb"))),
            ("listen(0, backlog, cb)", s => s.Listen(0, 9, () => t.T("cb"))),
            ("listen('0', cb)", s => s.Listen("0", () => t.T("cb"))),
            ("listen({port:0, host})", s => s.Listen(new ListenOptions { Port = 0, Host = "127.0.0.1" })),
            ("listen({port:0, backlog})", s => s.Listen(new ListenOptions { Port = 0, Backlog = 3 })),
        };
        void Next(int i)
        {
            if (i == steps.Length) return;
            var (name, f) = steps[i];
            var s = Net.CreateServer();
            s.On("listening", () =>
            {
                var a = s.Address();
                t.Port(a!.Port);
                t.T(name, "listening", s.Listening, Trace.Addr(a));
                s.Close(_ => { t.T(name, "closed", s.Listening, Trace.Addr(s.Address())); Next(i + 1); });
            });
            var ret = f(s);
            t.T(name, "returned this", ret == s, "listening", s.Listening);
        }
        Next(0);
    }

    public static void ListenBadArgs(Trace t)
    {
        var s = Net.CreateServer();
        t.TryDo("listen(-1)", () => s.Listen(-1));
        t.TryDo("listen(65536)", () => s.Listen(65536));
        t.TryDo("listen({port:70000})", () => s.Listen(new ListenOptions { Port = 70000 }));
        t.TryDo("listen('65536')", () => s.Listen("65536"));
        t.TryDo("listen(' ')", () => s.Listen(" "));
        t.TryDo("listen({})", () => s.Listen(new ListenOptions()));
        t.TryDo("listen({host})", () => s.Listen(new ListenOptions { Host = "localhost" }));
        t.T("listening", s.Listening);
    }

    public static void ListenWhileLookupPending(Trace t)
    {
        var s = Net.CreateServer(c => { t.T("connection"); c.Destroy(); });
        int n = 0;
        s.On("listening", () => { n++; t.Port(s.Address()!.Port); t.T("listening", n, s.Address()!.Address); });
        s.Listen(0, "localhost");
        s.Listen(0); // no host: it binds at once, and the lookup above must not bind a second handle
        EventLoop.Current!.SetTimeout(() =>
        {
            t.T("after the lookup", n, s.Listening);
            Socket? c = null;
            c = Net.Connect(s.Address()!.Port, "127.0.0.1", () => { t.T("connected"); c!.Destroy(); s.Close(_ => t.T("closed", s.Listening)); });
        }, 300);
    }

    public static void ListenTwice(Trace t)
    {
        var s = Net.CreateServer();
        s.Listen(0, () =>
        {
            t.Port(s.Address()!.Port);
            t.TryDo("second listen", () => s.Listen(0));
            s.Close(_ => t.T("closed"));
        });
        t.TryDo("listen while listening (sync)", () => s.Listen(0));
    }

    public static void RelistenAfterClose(Trace t)
    {
        var s = Net.CreateServer();
        s.Listen(0, "127.0.0.1", () =>
        {
            t.Port(s.Address()!.Port);
            t.T("first listening");
            s.Close(_ =>
            {
                t.T("closed", s.Listening);
                s.Listen(0, "127.0.0.1", () => { t.Port(s.Address()!.Port); t.T("second listening", s.Listening); s.Close(); });
            });
        });
        s.On("close", () => t.T("close event"));
    }

    public static void Eaddrinuse(Trace t)
    {
        var a = Net.CreateServer();
        a.Listen(0, "127.0.0.1", () =>
        {
            int p = t.Port(a.Address()!.Port);
            var b = Net.CreateServer();
            b.On<Exception>("error", e =>
            {
                t.T("error", Trace.Err(e), "listening", b.Listening, "address", Trace.Addr(b.Address()));
                b.Listen(0, "127.0.0.1", () => { t.Port(b.Address()!.Port); t.T("relisten ok", b.Listening); b.Close(); a.Close(); });
            });
            b.On("close", () => t.T("b close"));
            b.On("listening", () => t.T("b listening"));
            b.Listen(p, "127.0.0.1");
            t.T("after listen call", b.Listening);
        });
    }

    public static void EaddrinuseDefaultHost(Trace t)
    {
        var a = Net.CreateServer();
        a.Listen(0, () =>
        {
            int p = t.Port(a.Address()!.Port);
            var b = Net.CreateServer();
            t.T("listening right after listen(port)", a.Listening);
            b.On<Exception>("error", e => { t.T("error", Trace.Err(e), b.Listening, Trace.Addr(b.Address())); a.Close(); });
            b.Listen(p);
            t.T("b listening after call", b.Listening);
        });
    }

    public static void Eaddrnotavail(Trace t)
    {
        var s = Net.CreateServer();
        s.On<Exception>("error", e => t.T("error", Trace.Err(e), s.Listening));
        s.Listen(0, "192.0.2.1");
    }

    public static void AddressTiming(Trace t)
    {
        var s = Net.CreateServer();
        t.T("before listen", Trace.Addr(s.Address()));
        s.Listen(0, "localhost", () =>
        {
            t.Port(s.Address()!.Port);
            t.T("listening", Trace.Addr(s.Address()));
            s.Close();
            t.T("after close", Trace.Addr(s.Address()));
        });
        t.T("during lookup", Trace.Addr(s.Address()), s.Listening);
    }

    public static void CloseNotRunning(Trace t)
    {
        var s = Net.CreateServer();
        s.On("close", () => t.T("close event"));
        var r = s.Close(e => t.T("cb", Trace.Err(e)));
        t.T("returned this", r == s);
    }

    public static void CloseTwice(Trace t)
    {
        var s = Net.CreateServer();
        int n = 0;
        s.On("close", () => t.T("close event", ++n));
        s.Listen(0, "127.0.0.1", () =>
        {
            t.Port(s.Address()!.Port);
            s.Close(e => t.T("first cb", (e as INodeError)?.Code));
            s.Close(e => t.T("second cb", (e as INodeError)?.Code));
        });
    }

    public static void CloseThenListen(Trace t)
    {
        var s = Net.CreateServer();
        s.Listen(0, () =>
        {
            t.Port(s.Address()!.Port);
            s.On("close", () => t.T("close event", "listening", s.Listening));
            s.Close(_ => t.T("close cb"));
            s.Listen(0, () => { t.Port(s.Address()!.Port); t.T("listening again"); s.Close(); });
        });
    }

    public static void CloseWithConnections(Trace t)
    {
        Socket? c = null;
        int p = 0;
        Server? s = null;
        s = Net.CreateServer(sock =>
        {
            t.T("server connection");
            sock.On("end", () => t.T("server socket end"));
            sock.On<bool>("close", h => t.T("server socket close", h));
            s!.Close(_ => t.T("server close cb"));
            t.T("closed listener", s.Listening);
            s.GetConnections((_, n) => t.T("connections", n));
            var c2 = Net.Connect(p, "127.0.0.1");
            c2.On<Exception>("error", e => { t.T("new client", Trace.Err(e)); c!.End(); });
        });
        s.On("close", () => t.T("server close event"));
        t.Listen(s, port =>
        {
            p = port;
            c = Net.Connect(p, "127.0.0.1");
            c.On("end", () => t.T("client end"));
            c.On<bool>("close", h => t.T("client close", h));
            c.Resume();
        });
    }
}
