namespace NodeNet.Tests.Conformance;

/// <summary>Twins of scenarios/net-*.js: Node's own test/parallel/test-net-*.js, the same behaviour driven through NodeNet
/// (docs/test-net-port.md lists which Node file each one ports).</summary>
public static partial class Scenarios
{
    public static void NetAfterClose(Trace t)
    {
        var s = Net.CreateServer(sock => sock.End());
        t.Listen(s, p =>
        {
            var c = Net.CreateConnection(p, "127.0.0.1");
            c.Resume();
            c.On<bool>("close", h =>
            {
                t.T("close", h, c.Destroyed);
                t.TryDo("setNoDelay", () => c.SetNoDelay());
                t.TryDo("setKeepAlive", () => c.SetKeepAlive());
                t.TryDo("bufferSize", () => t.T("bufferSize", c.BufferSize));
                t.TryDo("pause", () => c.Pause());
                t.TryDo("resume", () => c.Resume());
                t.TryDo("address", () => t.T("address empty", c.Address() == null));
                t.TryDo("remote", () => t.T("remote", c.RemoteAddress, c.RemotePort));
                s.Close();
            });
        });
    }

    public static void NetBinary(Trace t)
    {
        var all = new System.Text.StringBuilder();
        for (int i = 255; i >= 0; i--) all.Append((char)i);
        var s = Net.CreateServer(conn =>
        {
            conn.SetEncoding("latin1");
            conn.On<string>("data", d => conn.Write(d, "latin1"));
            conn.On("end", () => conn.End());
        });
        t.Listen(s, p =>
        {
            string recv = "";
            int j = 0;
            var c = Net.CreateConnection(new ConnectOptions { Port = p, Host = "127.0.0.1" });
            c.SetEncoding("latin1");
            c.On<string>("data", d =>
            {
                int n = j + d.Length;
                while (j < n && j < 256) { c.Write(((char)j).ToString(), "latin1"); j++; }
                if (j == 256) c.End();
                recv += d;
            });
            c.On("connect", () => c.Write(all.ToString(), "binary"));
            c.On("close", () =>
            {
                var first = recv.Length >= 256 ? new string(recv[..256].Reverse().ToArray()) : "";
                t.T("received", recv.Length, recv.Length == 512 && first == recv[256..], recv[..4], recv[^4..]);
                s.Close();
            });
        });
    }

    public static void NetBindTwice(Trace t)
    {
        var a = Net.CreateServer(_ => t.T("a connection"));
        t.Listen(a, p =>
        {
            var b = Net.CreateServer(_ => t.T("b connection"));
            b.Listen(p, "127.0.0.1", () => t.T("b listening"));
            b.On<Exception>("error", e => { t.T("b error", Trace.Err(e), b.Listening); a.Close(_ => t.T("a closed")); });
        });
    }

    public static void NetBytesRead(Trace t)
    {
        var big = new byte[1024 * 1024];
        Server? s = null;
        s = Net.CreateServer(sock => { sock.End(big); s!.Close(); });
        t.Listen(s, p =>
        {
            long prev = 0;
            bool rising = true;
            int chunks = 0;
            Socket? c = null;
            c = Net.Connect(p, "127.0.0.1", () =>
            {
                t.T("connect", c!.BytesRead);
                c.On<byte[]>("data", _ => { chunks++; if (!(c.BytesRead > prev)) rising = false; prev = c.BytesRead; });
                c.On("end", () => t.T("end", c.BytesRead, prev, rising, chunks > 0));
                c.On("close", () => t.T("close", c.BytesRead, prev));
                c.End();
            });
        });
    }

    public static void NetBytesStats(Trace t)
    {
        long read = 0, written = 0;
        int count = 0;
        var s = Net.CreateServer(sock =>
        {
            sock.Resume();
            sock.On("end", () => { read += sock.BytesRead; t.T("server end", sock.BytesRead); });
        });
        t.Listen(s, p =>
        {
            var c = Net.CreateConnection(p, "127.0.0.1");
            c.On("connect", () =>
            {
                count++;
                t.T("connect", count, c.BytesRead, c.BytesWritten);
                c.Write("foo", _ => { t.T("write cb", c.BytesWritten); c.End("bar"); });
            });
            c.On("finish", () => { written += c.BytesWritten; t.T("finish", c.BytesWritten); });
            c.On("close", () =>
            {
                t.T("close", count, read, written);
                if (count < 2) c.Connect(p, "127.0.0.1");
                else s.Close();
            });
        });
    }

    public static void NetCanResetTimeout(Trace t)
    {
        var s = Net.CreateServer(sock =>
        {
            sock.SetTimeout(100);
            sock.Resume();
            sock.Once("timeout", () => { t.T("server timeout"); sock.Write("WHAT."); });
            sock.On("end", () => { t.T("server end"); sock.End(); });
            sock.On("close", () => t.T("server close"));
        });
        t.Listen(s, p =>
        {
            var c = Net.CreateConnection(p, "127.0.0.1");
            c.SetEncoding("utf8");
            c.On<string>("data", d => { t.T("client data", d); c.End(); });
            c.On("end", () => { t.T("client end"); s.Close(); });
            c.On("close", () => t.T("client close"));
        });
    }

    public static void NetClientBindTwice(Trace t)
    {
        var a = Net.CreateServer(_ => t.T("a connection"));
        var b = Net.CreateServer(_ => t.T("b connection"));
        t.Listen(a, pa => t.Listen(b, pb =>
        {
            var c = Net.Connect(new ConnectOptions { Host = "127.0.0.1", Port = pa, LocalAddress = "127.0.0.1", LocalPort = pb }, () => t.T("connected"));
            c.On<Exception>("error", e => { t.T("error", Trace.Err(e)); a.Close(); b.Close(); });
            c.On<bool>("close", h => t.T("close", h));
        }));
    }

    public static void NetConnectDestroy(Trace t)
    {
        var c = new Socket();
        c.On<bool>("close", h => t.T("close", h, c.Destroyed));
        c.Destroy();
        t.T("destroyed", c.Destroyed);
    }

    public static void NetConnectImmediateDestroy(Trace t)
    {
        var s = Net.CreateServer();
        s.Listen(0);
        int p = t.Port(s.Address()!.Port);
        var c = Net.Connect(p, "127.0.0.1", () => t.T("connect"));
        c.On<Exception>("error", e => t.T("error", ((INodeError)e).Code));
        c.On<bool>("close", h => t.T("close", h));
        s.Close(_ => t.T("server closed"));
        c.Destroy();
        t.T("sync done", c.Destroyed);
    }

    public static void NetConnectNoArg(Trace t)
    {
        t.TryDo("net.connect({})", () => Net.Connect(new ConnectOptions()));
        t.TryDo("socket.connect({})", () => new Socket().Connect(new ConnectOptions()));
    }
}
