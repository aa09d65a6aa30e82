namespace NodeNet.Tests.Conformance;

public static partial class Scenarios
{
    public static void ConnectRefused(Trace t)
    {
        var s = Net.CreateServer();
        s.Listen(0, "127.0.0.1", () =>
        {
            int p = t.Port(s.Address()!.Port);
            s.Close(_ =>
            {
                var c = Net.Connect(p, "127.0.0.1");
                foreach (var ev in new[] { "connect", "ready", "end", "finish", "lookup" }) c.On(ev, () => t.T(ev));
                c.On<string, int, int>("connectionAttempt", (ip, pt, fam) => t.T("connectionAttempt", ip, pt, fam));
                c.On<object?[]>("connectionAttemptFailed", a => t.T("connectionAttemptFailed", a[0], a[1], a[2], ((INodeError)a[3]!).Code));
                c.On<Exception>("error", e => t.T("error", Trace.Err(e), new[] { "address", "code", "errno", "port", "syscall" }));
                c.On<bool>("close", h => t.T("close", h, c.Destroyed, c.ReadyState));
                t.T("connecting", c.Connecting, c.Pending, c.ReadyState);
            });
        });
    }

    public static void ClientEventOrder(Trace t)
    {
        var s = Net.CreateServer(sock => sock.End("hello"));
        t.Listen(s, p =>
        {
            var c = Net.Connect(p, "127.0.0.1");
            c.On<string, int, int>("connectionAttempt", (ip, pt, fam) => t.T("connectionAttempt", ip, pt, fam));
            c.On("connect", () => t.T("connect", c.Connecting, c.Pending, c.ReadyState));
            c.On("ready", () => t.T("ready"));
            c.On<byte[]>("data", d => t.T("data", System.Text.Encoding.UTF8.GetString(d)));
            c.On("end", () => t.T("end", c.ReadyState));
            c.On("finish", () => t.T("finish"));
            c.On<bool>("close", h => { t.T("close", h, c.ReadyState); s.Close(); });
            t.T("sync", c.Connecting, c.ReadyState);
        });
    }

    public static void BothEndWithData(Trace t)
    {
        void Run(bool allowHalfOpen, bool withData, Action next)
        {
            string tag = $"{(allowHalfOpen ? "half-open" : "default")} {(withData ? "data" : "no data")}";
            Server? s = null;
            s = Net.CreateServer(new ServerOptions { AllowHalfOpen = allowHalfOpen }, sock =>
            {
                sock.On<byte[]>("data", d => t.T(tag, "server data", System.Text.Encoding.UTF8.GetString(d)));
                sock.On("end", () => t.T(tag, "server end"));
                sock.On("finish", () => t.T(tag, "server finish"));
                sock.On<bool>("close", h => { t.T(tag, "server close", h); s!.Close(_ => next()); });
                if (withData) sock.End("from server"); else sock.End();
            });
            t.Listen(s, p =>
            {
                Socket? c = null;
                c = Net.Connect(new ConnectOptions { Port = p, Host = "127.0.0.1", AllowHalfOpen = allowHalfOpen }, () =>
                {
                    if (withData) c!.End("from client"); else c!.End();
                });
                c.On<byte[]>("data", d => t.T(tag, "client data", System.Text.Encoding.UTF8.GetString(d)));
                c.On("end", () => t.T(tag, "client end"));
                c.On("finish", () => t.T(tag, "client finish"));
                c.On<bool>("close", h => t.T(tag, "client close", h));
            });
        }
        Run(false, false, () => Run(true, false, () => Run(false, true, () => Run(true, true, () => { }))));
    }

    public static void HalfOpenDefault(Trace t)
    {
        Server? s = null;
        s = Net.CreateServer(sock =>
        {
            sock.On("end", () => t.T("server end"));
            sock.On("finish", () => t.T("server finish"));
            sock.On<bool>("close", h => { t.T("server close", h); s!.Close(); });
            sock.Resume();
        });
        t.Listen(s, p =>
        {
            Socket? c = null;
            c = Net.Connect(p, "127.0.0.1", () => c!.End());
            c.On("finish", () => t.T("client finish"));
            c.On("end", () => t.T("client end"));
            c.On<bool>("close", h => t.T("client close", h));
            c.Resume();
        });
    }

    public static void HalfOpenAllowed(Trace t)
    {
        Server? s = null;
        s = Net.CreateServer(new ServerOptions { AllowHalfOpen = true }, sock =>
        {
            sock.On("end", () =>
            {
                t.T("server end", sock.ReadyState, sock.Writable);
                sock.Write("still here", _ => { t.T("server wrote after end"); sock.End(); });
            });
            sock.On<bool>("close", h => { t.T("server close", h); s!.Close(); });
            sock.Resume();
        });
        t.Listen(s, p =>
        {
            Socket? c = null;
            c = Net.Connect(p, "127.0.0.1", () => c!.End());
            c.SetEncoding("utf8");
            c.On<string>("data", d => t.T("client data", d));
            c.On("end", () => t.T("client end"));
            c.On<bool>("close", h => t.T("client close", h));
        });
    }

    public static void HalfOpenClientAllowed(Trace t)
    {
        string got = "";
        Server? s = null;
        s = Net.CreateServer(sock =>
        {
            sock.SetEncoding("utf8");
            sock.On<string>("data", d => got += d);
            sock.On("end", () => t.T("server got", got));
            sock.On("close", () => { t.T("server close"); s!.Close(); });
            sock.End("bye");
        });
        t.Listen(s, p =>
        {
            var c = Net.Connect(new ConnectOptions { Port = p, Host = "127.0.0.1", AllowHalfOpen = true });
            c.On("end", () =>
            {
                t.T("client end", c.ReadyState);
                c.Write("late", _ => { t.T("client late write done"); c.End(); });
            });
            c.On<bool>("close", h => t.T("client close", h));
            c.Resume();
        });
    }

    public static void WriteAfterEnd(Trace t)
    {
        var s = Net.CreateServer(sock => sock.Resume());
        t.Listen(s, p =>
        {
            Socket? c = null;
            c = Net.Connect(p, "127.0.0.1", () =>
            {
                c!.End();
                bool r = c.Write("x", e => t.T("write cb", Trace.Err(e)));
                t.T("write returned", r);
            });
            c.On<Exception>("error", e => t.T("error", Trace.Err(e)));
            c.On<bool>("close", h => { t.T("close", h); s.Close(); });
        });
    }

    public static void WriteAfterDestroy(Trace t)
    {
        Server? s = null;
        s = Net.CreateServer(sock => { sock.Resume(); sock.On("close", () => s!.Close()); });
        t.Listen(s, p =>
        {
            Socket? c = null;
            c = Net.Connect(p, "127.0.0.1", () =>
            {
                c!.Destroy();
                bool r = c.Write("x", e => t.T("write cb", Trace.Err(e)));
                t.T("write returned", r, c.Destroyed);
            });
            c.On<Exception>("error", e => t.T("error", Trace.Err(e)));
            c.On<bool>("close", h => t.T("close", h));
        });
    }

    public static void WriteAfterFin(Trace t)
    {
        var s = Net.CreateServer(sock => { sock.End(); sock.Resume(); });
        t.Listen(s, p =>
        {
            var c = Net.Connect(p, "127.0.0.1");
            c.Resume();
            c.On("end", () =>
            {
                t.T("end", c.Writable);
                c.Write("inside end handler", e => t.T("in-end write cb", Trace.Err(e)));
                EventLoop.Current!.SetImmediate(() =>
                {
                    t.T("later writable", c.Writable, c.WritableEnded, c.Destroyed);
                    bool r = c.Write("after", e => t.T("late write cb", Trace.Err(e)));
                    t.T("late write returned", r);
                });
            });
            c.On<Exception>("error", e => t.T("error", Trace.Err(e)));
            c.On<bool>("close", h => { t.T("close", h); s.Close(); });
        });
    }

    public static void EndWithData(Trace t)
    {
        Server? s = null;
        s = Net.CreateServer(sock =>
        {
            string got = "";
            sock.On<byte[]>("data", d => got += System.Text.Encoding.UTF8.GetString(d));
            sock.On("end", () => t.T("server got", got));
            sock.On("close", () => s!.Close());
        });
        t.Listen(s, p =>
        {
            var c = Net.Connect(p, "127.0.0.1");
            var r = c.End("bye", callback: () => t.T("end cb"));
            t.T("end returned this", r == c);
            c.On("finish", () => t.T("finish"));
            c.On<bool>("close", h => t.T("close", h));
            c.Resume();
        });
    }

    public static void DestroyWithError(Trace t)
    {
        Server? s = null;
        s = Net.CreateServer(sock => { sock.Resume(); sock.On("close", () => { t.T("server side close"); s!.Close(); }); });
        t.Listen(s, p =>
        {
            Socket? c = null;
            c = Net.Connect(p, "127.0.0.1", () =>
            {
                c!.Destroy(new Exception("boom"));
                c.Destroy(new Exception("second"));
                t.T("after destroy", c.Destroyed, c.ReadyState);
            });
            c.On<Exception>("error", e => t.T("error", e.Message));
            c.On<bool>("close", h => t.T("close", h));
        });
    }

    public static void DestroyBeforeConnect(Trace t)
    {
        var c = new Socket();
        c.On<object?[]>("close", a => t.T("close", a.Length, a.Length > 0 ? a[0] : null));
        c.On<Exception>("error", e => t.T("error", Trace.Err(e)));
        c.Destroy();
        t.T("destroyed", c.Destroyed, c.ReadyState);
        var d = new Socket();
        d.On<object?[]>("close", a => t.T("d close", a.Length));
        d.On<Exception>("error", e => t.T("d error", Trace.Err(e)));
        d.ResetAndDestroy();
    }
}
