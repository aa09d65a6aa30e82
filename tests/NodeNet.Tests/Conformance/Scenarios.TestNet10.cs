namespace NodeNet.Tests.Conformance;

/// <summary>Twins of scenarios/net-*.js for Node test-net files newer than the 25.8.1 set (docs/test-net-port.md).</summary>
public static partial class Scenarios
{
    public static void NetBoundsocket(Trace t)
    {
        object Code(Action f)
        {
            try { f(); return "ok"; }
            catch (Exception e) { var n = (INodeError)e; return new object?[] { n.Code, n.Syscall, n.Name }; }
        }
        {
            var b = new BoundSocket(new BoundSocketOptions { Host = "127.0.0.1", Port = 0 });
            var a = b.Address();
            t.T("explicit", a.Address, a.Family, a.Port > 0, b.Fd() >= 0);
            b.Close();
        }
        { var b = new BoundSocket(new BoundSocketOptions { Port = 0 }); var a = b.Address(); t.T("default host", a.Address, a.Family, a.Port > 0); b.Close(); }
        { var b = new BoundSocket(); var a = b.Address(); t.T("no options", a.Address, a.Family, a.Port > 0); b.Close(); }
        t.T("localhost", Code(() => new BoundSocket(new BoundSocketOptions { Host = "localhost", Port = 0 })));
        t.T("192.0.2.1", Code(() => new BoundSocket(new BoundSocketOptions { Host = "192.0.2.1", Port = 0 })));
        {
            var b = new BoundSocket(new BoundSocketOptions { Host = "127.0.0.1", Port = 0 });
            int p = b.Address().Port;
            b.Close();
            var again = new BoundSocket(new BoundSocketOptions { Host = "127.0.0.1", Port = p });
            t.T("rebound after close", again.Address().Port == p);
            again.Close();
        }
        {
            var b = new BoundSocket(new BoundSocketOptions { Host = "127.0.0.1", Port = 0 });
            var c = new Socket(new SocketOptions { Handle = b });
            t.T("localPort on adopted", Code(() => c.Connect(new ConnectOptions { Host = "127.0.0.1", Port = 1, LocalPort = 0 })));
            c.Destroy();
        }
        {
            var b = new BoundSocket(new BoundSocketOptions { Host = "::1", Port = 0 });
            var a = b.Address();
            t.T("::1", a.Address, a.Family, a.Port > 0);
            b.Close();
            var o = new BoundSocket(new BoundSocketOptions { Ipv6Only = true, Port = 0 });
            t.T("ipv6Only", o.Address().Address, o.Address().Family);
            o.Close();
            var d = new BoundSocket(new BoundSocketOptions { Host = "::", Port = 0 });
            t.T("::", d.Address().Family);
            d.Close();
        }
        void InUse(Action next)
        {
            var s = Net.CreateServer();
            s.Listen(0, "127.0.0.1", () =>
            {
                t.T("in use", Code(() => new BoundSocket(new BoundSocketOptions { Host = "127.0.0.1", Port = t.Port(s.Address()!.Port) })));
                s.Close(_ => next());
            });
        }
        void ServerAdopts(Action next)
        {
            var b = new BoundSocket(new BoundSocketOptions { Host = "127.0.0.1", Port = 0 });
            int p = t.Port(b.Address().Port);
            var s = Net.CreateServer(sock => sock.On<byte[]>("data", d => { t.T("server got", System.Text.Encoding.UTF8.GetString(d)); sock.End("pong"); }));
            s.Listen(b, () =>
            {
                t.T("server adopted", s.Address()!.Port == p, Code(() => b.Address()), Code(() => b.Fd()), Code(() => b.Close()));
                Socket? c = null;
                c = Net.Connect(new ConnectOptions { Host = "127.0.0.1", Port = p }, () => c!.End("ping"));
                c.On<byte[]>("data", d => t.T("client got", System.Text.Encoding.UTF8.GetString(d)));
                c.On("close", () => s.Close(_ => next()));
            });
        }
        void ClientAdopts(Action next)
        {
            var s = Net.CreateServer(sock => sock.On<byte[]>("data", d => { t.T("server got", System.Text.Encoding.UTF8.GetString(d)); sock.End("pong"); }));
            s.Listen(0, "127.0.0.1", () =>
            {
                int sp = t.Port(s.Address()!.Port);
                var b = new BoundSocket(new BoundSocketOptions { Host = "127.0.0.1", Port = 0 });
                int lp = b.Address().Port;
                var c = new Socket(new SocketOptions { Handle = b });
                t.T("client adopted", Code(() => b.Address()));
                c.Connect(new ConnectOptions { Host = "127.0.0.1", Port = sp }, () => { t.T("bound local port", c.LocalPort == lp); c.End("ping"); });
                c.On<byte[]>("data", d => t.T("client got", System.Text.Encoding.UTF8.GetString(d)));
                c.On("close", () => s.Close(_ => next()));
            });
        }
        void Reuse()
        {
            var first = new BoundSocket(new BoundSocketOptions { Host = "127.0.0.1", Port = 0, ReusePort = true });
            int p = t.Port(first.Address().Port);
            var second = new BoundSocket(new BoundSocketOptions { Host = "127.0.0.1", Port = p, ReusePort = true });
            var s1 = Net.CreateServer();
            var s2 = Net.CreateServer();
            s1.Listen(first, () => s2.Listen(second, () => { t.T("reusePort", s1.Address()!.Port == p, s2.Address()!.Port == p); s1.Close(); s2.Close(); }));
        }
        InUse(() => ServerAdopts(() => ClientAdopts(Reuse)));
    }

    public static void NetServerCaptureRejection(Trace t)
    {
        Server? s = null;
        s = Net.CreateServer(new ServerOptions { CaptureRejections = true });
        s.On<Socket>("connection", async sock =>
        {
            s.Close();
            var kaboom = new Exception("kaboom");
            sock.On<Exception>("error", e => t.T("socket error", ReferenceEquals(e, kaboom), e.Message));
            sock.On<bool>("close", h => t.T("socket close", h));
            await Task.CompletedTask;
            throw kaboom;
        });
        t.Listen(s, p =>
        {
            var c = Net.Connect(p, "127.0.0.1");
            c.On<Exception>("error", e => t.T("client error", ((INodeError)e).Code));
            c.On("close", () => t.T("client close"));
        });
    }

    public static void NetServerListenHandle(Trace t)
    {
        File.WriteAllText(t.Tmp + "/file", "x");
        var file = File.OpenHandle(t.Tmp + "/file", FileMode.Open, FileAccess.Read);
        int fd = (int)file.DangerousGetHandle();
        var s = Net.CreateServer();
        // Node's String(err) is "<name>: <message>".
        s.On<Exception>("error", e => { t.T("error", $"{((INodeError)e).Name}: {e.Message}", Trace.Err(e)); file.Dispose(); });
        s.Listen(new ListenOptions { Fd = fd }, () => t.T("listening"));
        t.T("listen returned");
    }

    public static void NetSocketConstructor(Trace t)
    {
        t.TryDo("fd -1", () => new Socket(new SocketOptions { Fd = -1 }));
        var fresh = new Socket();
        t.T("new Socket()", fresh.Readable, fresh.Writable);
        Server? s = null;
        s = Net.CreateServer(sock => { t.T("accepted", sock.Readable, sock.Writable); s!.Close(); });
        t.Listen(s, p =>
        {
            Socket? c = null;
            c = Net.Connect(p, "127.0.0.1", () => { t.T("connected", c!.Readable, c.Writable); c.End(); });
            t.T("connecting", c.Readable, c.Writable);
            c.Resume();
        });
    }
}
