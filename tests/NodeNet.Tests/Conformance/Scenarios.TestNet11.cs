namespace NodeNet.Tests.Conformance;

/// <summary>Twins of scenarios/net-*.js (Node's test-net-*.js), continued: resets, EADDRINUSE forms, listen/close races, local addresses.</summary>
public static partial class Scenarios
{
    public static void NetConnectResetBeforeConnected(Trace t)
    {
        var s = Net.CreateServer();
        s.Listen(0);
        int p = t.Port(s.Address()!.Port);
        var c = Net.Connect(p, "127.0.0.1", () => t.T("connect"));
        c.On<Exception>("error", e => t.T("error", ((INodeError)e).Code));
        c.On<bool>("close", h => t.T("close", h));
        s.Close(_ => t.T("server closed"));
        t.T("reset returned this", c.ResetAndDestroy() == c);
        t.T("destroy returned this", c.Destroy() == c, c.Destroyed);
    }

    public static void NetConnectResetUntilConnected(Trace t)
    {
        var s = Net.CreateServer();
        t.Listen(s, p =>
        {
            int n = 2;
            Socket? c = null;
            void Both() { if (--n == 0) { t.T("reset"); c!.ResetAndDestroy(); } }
            c = Net.CreateConnection(p, "127.0.0.1");
            c.On<bool>("close", h => t.T("client close", h));
            c.On<Exception>("error", e => t.T("client error", Trace.Err(e)));
            s.On<Socket>("connection", sock =>
            {
                Both();
                sock.On<Exception>("error", e => t.T("server socket error", Trace.Err(e)));
                sock.On<bool>("close", h => t.T("server socket close", h));
                s.Close();
            });
            c.On("connect", Both);
        });
    }

    public static void NetConnectReset(Trace t)
    {
        var c = new Socket();
        t.T("returned this", c.ResetAndDestroy() == c);
        c.On<Exception>("error", e => t.T("error", Trace.Err(e)));
        c.On<object?[]>("close", a => t.T("close", a.Length > 0 ? a[0] : "none"));
    }

    public static void NetDuringClose(Trace t)
    {
        var s = Net.CreateServer(sock => sock.End());
        t.Listen(s, p =>
        {
            var c = Net.CreateConnection(p, "127.0.0.1");
            s.Close();
            t.TryDo("remote", () => t.T("remote", c.Connecting, c.RemoteAddress, c.RemoteFamily, c.RemotePort));
            c.On<Exception>("error", _ => { });
            c.Destroy();
        });
    }

    public static void NetEaddrinuse(Trace t)
    {
        var a = Net.CreateServer(_ => t.T("a connection"));
        var b = Net.CreateServer(_ => t.T("b connection"));
        a.Listen(0, () =>
        {
            b.On<Exception>("error", e => { var n = (INodeError)e; t.T("error", e.Message.Contains("EADDRINUSE"), n.Code, n.Syscall); a.Close(); });
            b.Listen(t.Port(a.Address()!.Port));
        });
    }

    public static void NetEndDestroyed(Trace t)
    {
        var s = Net.CreateServer();
        s.On<Socket>("connection", _ => t.T("connection"));
        t.Listen(s, p =>
        {
            var c = Net.CreateConnection(new ConnectOptions { Port = p, Host = "127.0.0.1" });
            c.On("connect", () =>
            {
                c.On("end", () => { t.T("end", c.Destroyed); s.Close(); });
                c.End();
            });
            c.On<bool>("close", h => t.T("close", h, c.Destroyed));
        });
    }

    public static void NetEndWithoutConnect(Trace t)
    {
        var c = new Socket();
        c.End(() => t.T("end cb", c.Writable));
        c.On<bool>("close", h => t.T("close", h));
    }

    public static void NetErrorTwice(Trace t)
    {
        var buf = new byte[10 * 1024 * 1024];
        Array.Fill(buf, (byte)0x62);
        var errs = new List<Exception>();
        Socket? client = null, conn = null;
        void Ready() { if (client != null && conn != null) { client.Destroy(); conn.Write(buf); } }
        Server? s = null;
        s = Net.CreateServer(sock =>
        {
            sock.On<Exception>("error", e => errs.Add(e));
            sock.On("close", () => { t.T("server socket close", errs.Count, errs.Count > 1 && errs[0] == errs[1]); s!.Close(); });
            conn = sock;
            Ready();
        });
        t.Listen(s, p =>
        {
            var c = Net.Connect(new ConnectOptions { Port = p, Host = "127.0.0.1" });
            c.On("connect", () => { client = c; Ready(); });
        });
    }

    public static void NetKeepalive(Trace t)
    {
        Socket? client = null;
        Server? s = null;
        s = Net.CreateServer(conn =>
        {
            EventLoop.Current!.SetTimeout(() =>
            {
                t.T("after 100 ms", conn.ReadyState, client!.ReadyState);
                conn.End();
                client.End();
                s!.Close();
            }, 100);
            conn.SetTimeout(0);
            t.T("setKeepAlive returns this", conn.SetKeepAlive(true, 50) == conn);
            conn.On("end", () => conn.End());
        });
        t.Listen(s, p =>
        {
            client = Net.CreateConnection(p, "127.0.0.1");
            client.SetTimeout(0);
            client.Resume();
            client.On<bool>("close", h => t.T("client close", h));
        });
    }

    public static void NetLargeString(Trace t)
    {
        const int size = 40 * 1024;
        string data = new('あ', size);
        Server? s = null;
        s = Net.CreateServer(sock =>
        {
            int got = 0;
            bool ok = true;
            sock.SetEncoding("UTF-8");
            sock.On<string>("data", d => { got += d.Length; if (d != new string('あ', d.Length)) ok = false; });
            sock.On("end", () => { t.T("server end", got, ok, sock.BytesRead); sock.End(); });
        });
        t.Listen(s, p =>
        {
            var c = Net.CreateConnection(p, "127.0.0.1");
            c.On("end", () => { t.T("client end", c.BytesWritten); s!.Close(); });
            c.Resume();
            c.Write(data, "UTF-8");
            c.End();
        });
    }

    public static void NetListenCloseServerCallbackIsNotFunction(Trace t)
    {
        var s = Net.CreateServer(_ => t.T("connection"));
        s.On("close", () => t.T("close", s.Listening));
        s.Listen(0, () => t.T("listening"));
        s.Close();
        t.T("sync", s.Listening);
    }

    public static void NetListenCloseServer(Trace t)
    {
        var s = Net.CreateServer(_ => t.T("connection"));
        s.Listen(0, () => t.T("listening"));
        s.On<Exception>("error", e => t.T("error", ((INodeError)e).Code));
        s.Close(e => t.T("close cb", e == null));
    }

    public static void NetListenError(Trace t)
    {
        var s = Net.CreateServer(_ => t.T("connection"));
        s.Listen(1, "1.1.1.1", () => t.T("listening"));
        s.On<Exception>("error", e => t.T("error", Trace.Err(e), s.Listening));
    }

    public static void NetListening(Trace t)
    {
        var s = Net.CreateServer();
        t.T("before", s.Listening);
        t.Listen(s, _ =>
        {
            t.T("listening", s.Listening);
            s.Close(_ => t.T("closed", s.Listening));
        });
    }

    public static void NetLocalAddressPort(Trace t)
    {
        Server? s = null;
        s = Net.CreateServer(sock =>
        {
            var a = s!.Address()!;
            t.T("local", sock.LocalAddress, sock.LocalPort == a.Port, sock.LocalFamily, sock.LocalFamily == a.Family);
            sock.On("end", () => s.Close());
            sock.Resume();
        });
        t.Listen(s, p =>
        {
            var c = Net.CreateConnection(p, "127.0.0.1");
            c.On("connect", () => c.End());
        });
    }

    public static void NetLocalerror(Trace t)
    {
        t.TryDo("localAddress foobar", () => Net.Connect(new ConnectOptions { Host = "localhost", Port = 0, LocalAddress = "foobar" }));
    }
}
