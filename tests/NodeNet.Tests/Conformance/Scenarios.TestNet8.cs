namespace NodeNet.Tests.Conformance;

/// <summary>Twins of scenarios/net-*.js (Node's test-net-*.js), continued: flow control (pause/resume, drain, slow readers).</summary>
public static partial class Scenarios
{
    public static void NetPauseResumeConnecting(Trace t)
    {
        var loop = EventLoop.Current!;
        int connections = 0, dataEvents = 0, closed = 0;
        var got = new bool[5];
        Server? s = null;
        s = Net.CreateServer(conn => { connections++; conn.End("This was the year he fell to pieces."); if (connections == 5) s!.Close(); });
        t.Listen(s, p =>
        {
            void Client(int i, string[] calls, bool expectData)
            {
                var c = Net.CreateConnection(p, "127.0.0.1");
                foreach (var call in calls) { if (call == "pause") c.Pause(); else c.Resume(); }
                c.On<byte[]>("data", _ => { got[i] = true; if (expectData) dataEvents++; else t.T("unexpected data", i); });
                if (!expectData) loop.SetTimeout(() => { c.RemoveAllListeners("data"); c.Resume(); }, 100);
                c.On("close", () => { if (++closed == 5) t.T("done", connections, dataEvents, got); });
            }
            Client(0, ["resume"], true);
            Client(1, ["pause", "resume"], true);
            Client(2, ["pause"], false);
            Client(3, ["resume", "pause", "resume"], true);
            Client(4, ["resume", "resume", "pause"], false);
        });
    }

    public static void NetStream(Trace t)
    {
        var buf = new byte[2_000_000];
        Array.Fill(buf, (byte)'a');
        int errors = 0;
        Server? s = null;
        s = Net.CreateServer(sock =>
        {
            sock.SetNoDelay();
            sock.On<Exception>("error", e => { errors++; if (((INodeError)e).Code is not ("EPIPE" or "ECONNRESET")) t.T("error code", ((INodeError)e).Code); sock.Destroy(); });
            sock.On("close", () => { t.T("server socket close", errors); s!.Close(); });
            for (int i = 0; i < 10; ++i) sock.Write(buf, _ => { });
            sock.End();
        });
        t.Listen(s, p =>
        {
            var c = Net.Connect(p, "127.0.0.1");
            bool first = true;
            c.On<byte[]>("data", _ =>
            {
                if (!first) return;
                first = false;
                t.T("pause returns socket", c.Pause() == c);
                EventLoop.Current!.SetTimeout(() => c.Destroy(), 20);
            });
        });
    }

    public static void NetWriteSlow(Trace t)
    {
        const int SIZE = 200_000, N = 10;
        var buf = new byte[SIZE];
        Array.Fill(buf, (byte)'a');
        int flushed = 0;
        long received = 0;
        var loop = EventLoop.Current!;
        var s = Net.CreateServer(sock =>
        {
            sock.SetNoDelay();
            sock.SetTimeout(9999);
            sock.On("timeout", () => { t.T("timeout", flushed, received); sock.Destroy(); });
            for (int i = 0; i < N; ++i) sock.Write(buf, _ => { if (++flushed == N) sock.SetTimeout(0); });
            sock.End();
        });
        t.Listen(s, p =>
        {
            var c = Net.Connect(p, "127.0.0.1");
            c.On<byte[]>("data", d => { received += d.Length; c.Pause(); loop.SetTimeout(() => c.Resume(), 20); });
            c.On("end", () => { t.T("end", received, flushed); s.Close(); });
        });
    }

    private static void WriteFullyAsync(Trace t, Func<Socket, bool> write)
    {
        long serverGot = 0;
        int rounds = 0, writes = 0;
        Server? s = null;
        s = Net.CreateServer(conn =>
        {
            conn.On<byte[]>("data", d => serverGot += d.Length);
            conn.On("end", () => t.T("server end", serverGot == writes * 1_000_000L));
            s!.Close();
        });
        t.Listen(s, p =>
        {
            Socket? conn = null;
            conn = Net.CreateConnection(p, "127.0.0.1", () =>
            {
                int count = 0;
                void WriteLoop()
                {
                    if (count++ == 20) { conn!.End(); return; }
                    rounds++;
                    do writes++; while (write(conn!));
                }
                conn!.On("drain", WriteLoop);
                WriteLoop();
            });
            conn.On("close", () => t.T("client close", rounds, conn.BytesWritten == writes * 1_000_000L));
        });
    }

    public static void NetWriteFullyAsyncBuffer(Trace t)
    {
        var data = new byte[1_000_000];
        WriteFullyAsync(t, conn => conn.Write((byte[])data.Clone()));
    }

    public static void NetWriteFullyAsyncHexString(Trace t)
    {
        string data = Convert.ToHexString(new byte[1_000_000]).ToLowerInvariant();
        WriteFullyAsync(t, conn => conn.Write(data, "hex"));
    }

    public static void NetThrottle(Trace t)
    {
        long recved = 0, totalLength = 0;
        int npauses = 0, whilePaused = 0;
        var loop = EventLoop.Current!;
        var s = Net.CreateServer(conn =>
        {
            string body = new('C', 1024);
            int n = 1;
            while (conn.Write(body)) n++;
            conn.Write(body);
            conn.Write(body);
            n += 2;
            totalLength = n * body.Length;
            t.T("server", conn.BufferSize >= 0, conn.WritableLength <= totalLength, n > 2);
            conn.End();
        });
        t.Listen(s, p =>
        {
            bool paused = false;
            var c = Net.CreateConnection(p, "127.0.0.1");
            c.SetEncoding("ascii");
            c.On<string>("data", d =>
            {
                recved += d.Length;
                if (!paused)
                {
                    c.Pause();
                    npauses++;
                    paused = true;
                    long x = recved;
                    loop.SetTimeout(() => { if (recved != x) whilePaused++; c.Resume(); paused = false; }, 10);
                }
            });
            c.On("end", () => { t.T("end", recved == totalLength, npauses > 1, whilePaused); s.Close(); c.End(); });
        });
    }

    public static void NetConnectOptionsIpv6(Trace t)
    {
        Server? s = null;
        s = Net.CreateServer(new ServerOptions { AllowHalfOpen = true }, sock => { sock.Resume(); sock.On("end", () => t.T("server end")); sock.End(); });
        s.Listen(0, "::1", () =>
        {
            Socket? c = null;
            c = Net.Connect(new ConnectOptions
            {
                Host = "dummy", Port = t.Port(s.Address()!.Port), Family = 6, AllowHalfOpen = true,
                Lookup = (addr, opt, cb) => { t.T("lookup", addr, opt.Family); cb(null, [new("::1", opt.Family)]); },
            }, () =>
            {
                c!.Resume();
                c.On("end", () => EventLoop.Current!.SetTimeout(() => { t.T("writable after end", c.Writable, c.RemoteAddress); c.End(); }, 10));
                c.On("close", () => s.Close());
            });
        });
    }
}
