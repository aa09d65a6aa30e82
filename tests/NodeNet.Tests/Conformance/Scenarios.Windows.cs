namespace NodeNet.Tests.Conformance;

// Twins of the win-*.js scenarios: Windows named pipes. They run under Wine against node.exe (build.cake TestWindows),
// never in the Linux suite.
public static partial class Scenarios
{
    private const string PipePrefix = @"\\.\pipe\nodenet-conformance-";

    public static void WinPipeListenConnect(Trace t)
    {
        string name = PipePrefix + "listen";
        var s = Net.CreateServer(sock =>
        {
            t.T("connection", sock.RemoteAddress, sock.LocalAddress, sock.RemotePort, NoAddress(sock.Address()));
            sock.End("hello over a named pipe");
        });
        var r = s.Listen(name, () =>
        {
            t.T("listening", Trace.Addr(s.Address()));
            Socket? c = null;
            c = Net.Connect(name, () => t.T("connect", c!.RemoteAddress, NoAddress(c.Address())));
            c.SetEncoding("utf8");
            c.On<string>("data", d => t.T("data", d));
            c.On("end", () => t.T("end"));
            c.On<bool>("close", h =>
            {
                t.T("client close", h);
                s.Close(_ =>
                {
                    t.T("closed", Trace.Addr(s.Address()));
                    Server? again = null;
                    again = Net.CreateServer().Listen(name, () => { t.T("listening again"); again!.Close(_ => t.T("closed again")); });
                });
            });
        });
        t.T("sync", r == s, s.Listening, Trace.Addr(s.Address()));
    }

    public static void WinPipeErrors(Trace t)
    {
        string name = PipePrefix + "errors";
        var c = Net.Connect(name + "-missing");
        c.On<Exception>("error", e =>
        {
            t.T("connect error", Trace.Err(e));
            var s = Net.CreateServer();
            s.Listen(name, () =>
            {
                var second = Net.CreateServer();
                second.On<Exception>("error", e2 => { t.T("second listen", Trace.Err(e2)); s.Close(_ => t.T("closed")); });
                second.Listen(name, () => { t.T("second listen", "listening"); second.Close(_ => s.Close(_ => t.T("closed"))); });
            });
        });
    }

    public static void WinPipeHalfOpen(Trace t)
    {
        string name = PipePrefix + "half";
        void Run(bool clientFirst, Action done)
        {
            Server? s = null;
            s = Net.CreateServer(new ServerOptions { AllowHalfOpen = true }, sock =>
            {
                sock.SetEncoding("utf8");
                sock.On<string>("data", d => t.T("server data", d));
                sock.On("end", () => { t.T("server end", sock.Writable); if (clientFirst) sock.End("reply after client end"); });
                sock.On<Exception>("error", e => t.T("server error", ((INodeError)e).Code));
                sock.On<bool>("close", h => { t.T("server close", h); s!.Close(_ => done()); });
                if (!clientFirst) sock.End("server first");
            });
            s.Listen(name, () =>
            {
                Socket? c = null;
                c = Net.Connect(new ConnectOptions { Path = name, AllowHalfOpen = true }, () => { if (clientFirst) c!.End("request"); });
                c.SetEncoding("utf8");
                c.On("finish", () => t.T("client finish"));
                c.On<string>("data", d => t.T("client data", d));
                c.On("end", () => { t.T("client end", c.Writable); if (!clientFirst) c.End("client reply"); });
                c.On<Exception>("error", e => t.T("client error", ((INodeError)e).Code));
                c.On<bool>("close", h => t.T("client close", h));
            });
        }
        Run(true, () => { t.T("-- server first"); Run(false, () => t.T("done")); });
    }

    public static void WinPipeDrop(Trace t)
    {
        string name = PipePrefix + "drop";
        var s = Net.CreateServer(sock => { t.T("connection"); sock.Resume(); });
        s.MaxConnections = 1;
        s.On<object?[]>("drop", a => t.T("drop", a.Length));
        s.Listen(name, () =>
        {
            Socket? a = null;
            a = Net.Connect(name, () =>
            {
                var b = Net.Connect(name, () => t.T("b connect"));
                b.Resume();
                b.On("end", () => t.T("b end"));
                b.On<bool>("close", h => { t.T("b close", h); a!.End(); });
            });
            a.Resume();
            a.On("close", () => s.Close(_ => t.T("closed")));
        });
    }

    public static void WinPipeEcho16mib(Trace t)
    {
        string name = PipePrefix + "echo";
        Echo16MiB(t, i => (byte)((i * 29 + (i >> 11)) & 0xff), (server, ready) => server.Listen(name, () => ready(() => Net.Connect(name))));
    }

    public static void WinPipeModes(Trace t)
    {
        string name = PipePrefix + "modes";
        var s = Net.CreateServer(sock => sock.End("ok"));
        s.On<Exception>("error", e => t.T("error", Trace.Err(e)));
        s.Listen(new ListenOptions { Path = name, ReadableAll = true, WritableAll = true }, () =>
        {
            t.T("listening", Trace.Addr(s.Address()));
            var c = Net.Connect(name);
            c.SetEncoding("utf8");
            c.On<string>("data", d => t.T("data", d));
            c.On("close", () => s.Close(_ => t.T("closed")));
        });
    }
}
