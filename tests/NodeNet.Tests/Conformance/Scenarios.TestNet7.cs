namespace NodeNet.Tests.Conformance;

/// <summary>Twins of scenarios/net-*.js (Node's test-net-*.js), continued: half-open, writable and destroyed states, writes
/// after the end.</summary>
public static partial class Scenarios
{
    public static void NetAllowHalfOpen(Trace t)
    {
        var loop = EventLoop.Current!;
        void Passive(Action next)
        {
            var s = Net.CreateServer(sock => sock.End(new byte[1024]));
            t.Listen(s, p =>
            {
                var c = Net.Connect(p, "127.0.0.1");
                t.T("passive allowHalfOpen", c.AllowHalfOpen);
                c.Resume();
                c.On("end", () => { t.T("passive end", c.Destroyed); loop.NextTick(() => { t.T("passive end + tick", c.Destroyed); s.Close(); }); });
                c.On("finish", () => t.T("passive finish", c.Destroyed));
                c.On("close", () => { t.T("passive close"); next(); });
            });
        }
        void Active()
        {
            var s = Net.CreateServer(sock => sock.End(new byte[1024]));
            t.Listen(s, p =>
            {
                var c = Net.Connect(p, "127.0.0.1");
                t.T("active allowHalfOpen", c.AllowHalfOpen);
                c.Resume();
                c.On("end", () => t.T("active end", c.Destroyed));
                c.End("asd");
                c.On("finish", () => t.T("active finish", c.Destroyed));
                c.On("close", () => { t.T("active close"); s.Close(); });
            });
        }
        Passive(Active);
    }

    public static void NetConnectOptionsAllowhalfopen(Trace t)
    {
        const int N = 6;
        var loop = EventLoop.Current!;
        int connections = 0, serverEnds = 0;
        var results = new List<string>();
        var s = Net.CreateServer(new ServerOptions { AllowHalfOpen = true });
        s.On<Socket>("connection", sock =>
        {
            connections++;
            sock.Resume();
            int ends = 0;
            sock.On("end", () => { if (++ends > 1) t.T("second end"); if (++serverEnds == N) loop.SetTimeout(() => s.Close(), 50); });
            sock.End();
        });
        s.On("close", () => t.T("server close", connections, serverEnds, results.Order(StringComparer.Ordinal)));
        t.Listen(s, port =>
        {
            var opts = new ConnectOptions { AllowHalfOpen = true, Host = "127.0.0.1", Port = port };
            void OnConnect(int i, Socket c)
            {
                c.Resume();
                c.On("end", () => loop.SetTimeout(() =>
                {
                    results.Add(string.Join(' ', i, c.Readable ? "true" : "false", c.Writable ? "true" : "false", c.Write(i.ToString()) ? "true" : "false"));
                    c.End();
                }, 50));
            }
            Socket? c1 = null, c3 = null, c5 = null;
            c1 = Net.Connect(opts, () => OnConnect(1, c1!));
            var c2 = Net.Connect(opts); c2.On("connect", () => OnConnect(2, c2));
            c3 = Net.CreateConnection(opts, () => OnConnect(3, c3!));
            var c4 = Net.CreateConnection(opts); c4.On("connect", () => OnConnect(4, c4));
            c5 = new Socket(new SocketOptions { AllowHalfOpen = true }); c5.Connect(opts, () => OnConnect(5, c5));
            var c6 = new Socket(new SocketOptions { AllowHalfOpen = true }).Connect(opts); c6.On("connect", () => OnConnect(6, c6));
        });
    }

    public static void NetWritable(Trace t)
    {
        Server? s = null;
        s = Net.CreateServer(sock => { s!.Close(); sock.End(); });
        s.Listen(0, "127.0.0.1", () =>
        {
            int p = t.Port(s.Address()!.Port);
            var c = Net.Connect(p, "127.0.0.1");
            c.On("end", () => { t.T("end", c.Writable); t.T("write", c.Write("hello world")); });
            c.On<Exception>("error", e => t.T("error", ((INodeError)e).Code));
            c.On<bool>("close", h => t.T("close", h));
        });
    }

    public static void NetWriteAfterClose(Trace t)
    {
        Socket? serverSocket = null;
        var s = Net.CreateServer(sock => { serverSocket = sock; sock.Resume(); sock.On<Exception>("error", e => t.T("server socket error", ((INodeError)e).Code)); });
        t.Listen(s, p =>
        {
            Socket? c = null;
            c = Net.Connect(p, "127.0.0.1", () =>
            {
                c!.On("end", () => serverSocket!.Write("test", e => { t.T("write cb", e != null); s.Close(); }));
                c.End();
            });
        });
    }

    public static void NetWriteAfterEndNt(Trace t)
    {
        var s = Net.CreateServer(sock => sock.End());
        t.Listen(s, p =>
        {
            Socket? c = null;
            c = Net.Connect(p, "127.0.0.1", () =>
            {
                bool hasError = false;
                c!.On<Exception>("error", e => { hasError = true; t.T("error", ((INodeError)e).Code); s.Close(); });
                c.On("end", () =>
                {
                    bool r = c.Write("hello", e => t.T("write cb", Trace.Err(e)));
                    t.T("write returned", r, hasError);
                });
                c.End();
            });
        });
    }

    public static void NetSocketDestroySend(Trace t)
    {
        var s = Net.CreateServer(sock => sock.On<Exception>("error", _ => { }));
        t.Listen(s, p =>
        {
            var c = Net.CreateConnection(p, "127.0.0.1");
            c.On("connect", () =>
            {
                t.T("destroy twice returns socket", c.Destroy().Destroy() == c);
                c.On<Exception>("error", e => t.T("error", ((INodeError)e).Code));
                c.Write("kaboom"u8.ToArray(), e => t.T("write cb", Trace.Err(e)));
                s.Close();
            });
        });
    }

    public static void NetConnectResetAfterDestroy(Trace t)
    {
        var s = Net.CreateServer();
        t.Listen(s, p =>
        {
            var c = Net.CreateConnection(p, "127.0.0.1");
            s.On<Socket>("connection", sock => sock.On<Exception>("error", e => t.T("server socket error", Trace.Err(e))));
            c.On("connect", () =>
            {
                t.T("returns socket", c.ResetAndDestroy().Destroy() == c);
                c.On<Exception>("error", e => t.T("error", ((INodeError)e).Code));
                c.Write("fzfzfzfzfz"u8.ToArray(), e => t.T("write cb", Trace.Err(e)));
                s.Close();
            });
        });
    }

    public static void NetSocketResetSend(Trace t) => NetConnectResetAfterDestroy(t);

    public static void NetWriteCbOnDestroyBeforeConnect(Trace t)
    {
        var s = Net.CreateServer();
        t.Listen(s, p =>
        {
            var c = new Socket();
            c.On("connect", () => t.T("connect"));
            c.Connect(new ConnectOptions { Port = p, Host = "127.0.0.1" });
            t.T("connecting", c.Connecting);
            c.Write("foo", e => t.T("write cb", Trace.Err(e)));
            c.Destroy();
            s.Close();
        });
    }
}
