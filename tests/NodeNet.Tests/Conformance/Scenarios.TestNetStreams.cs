namespace NodeNet.Tests.Conformance;

// Node's test/parallel/test-net-*.js files that need the stream half (issue 24), each as a scenario named after it.
public static partial class Scenarios
{
    public static void NetConnectBuffer(Trace t)
    {
        Server? s = null;
        s = Net.CreateServer(c =>
        {
            s!.Close();
            string buf = "";
            c.SetEncoding("utf8");
            c.On<string>("data", d => buf += d);
            c.On("end", () => { t.T("server got", buf); c.End(); });
        });
        t.Listen(s, p =>
        {
            var socket = new Socket(new SocketOptions { HighWaterMark = 0 });
            bool connected = false;
            t.T("pending before", socket.Pending);
            socket.Connect(p, "127.0.0.1", () => connected = true);
            t.T("connecting", socket.Pending, socket.Connecting, socket.ReadyState);
            string a = "L'\u00c9tat, c'est ", b = "moi";
            bool r = socket.Write(a, e => t.T("write cb", connected, socket.BytesWritten, socket.Pending));
            t.T("after write", socket.BytesWritten, r);
            socket.End(b);
            t.T("after end", socket.ReadyState);
            socket.On("close", () => t.T("close", socket.Pending));
        });
    }

    public static void NetSyncCork(Trace t)
    {
        Server? s = null;
        s = Net.CreateServer(c =>
        {
            c.Resume();
            c.On<Exception>("error", e => t.T("server error", ((INodeError)e).Code));
            c.On("close", () => { t.T("server close", c.BytesRead); s!.Close(); });
        });
        t.Listen(s, p =>
        {
            var conn = Net.Connect(p, "127.0.0.1");
            conn.On("connect", () =>
            {
                var buf = new byte[] { (byte)'a', (byte)'a' };
                bool res = true;
                int i = 0;
                for (; i < 100 && res; i++)
                {
                    conn.Cork();
                    conn.Write(buf);
                    res = conn.Write(buf);
                    conn.Uncork();
                }
                t.T("rounds", i, res);
                conn.End();
            });
        });
    }

    public static void NetSocketByteswritten(Trace t)
    {
        Server? s = null;
        s = Net.CreateServer(c => c.End());
        t.Listen(s, p =>
        {
            var socket = Net.Connect(p, "127.0.0.1");
            socket.Cork();
            socket.Write("one");
            socket.Write(System.Text.Encoding.UTF8.GetBytes("tw\u00f8"));
            socket.Uncork();
            t.T("after uncork", socket.BytesWritten);
            socket.On("connect", () => t.T("connect", socket.BytesWritten));
            socket.On("end", () => { t.T("end", socket.BytesWritten); s!.Close(); });
        });
    }

    public static void NetBuffersize(Trace t)
    {
        Server? s = null;
        s = Net.CreateServer(c =>
        {
            int got = 0;
            c.On("readable", () => { if (c.Read() is byte[] x) got += x.Length; });
            c.On("end", () => { t.T("server got", got); s!.Close(); });
        });
        t.Listen(s, p =>
        {
            var client = Net.Connect(p, "127.0.0.1");
            client.On("finish", () => t.T("finish", client.BufferSize));
            var sizes = new List<long?>();
            for (int i = 1; i < 10; i++) { client.Write("a"); sizes.Add(client.BufferSize); }
            t.T("sizes", sizes);
            client.End();
        });
    }

    public static void NetSocketCloseAfterEnd(Trace t)
    {
        Server? s = null;
        s = Net.CreateServer(c =>
        {
            bool endEmitted = false;
            c.Once("readable", () => EventLoop.Current!.SetTimeout(() => t.T("read", Str(c.Read())), 100));
            c.On("end", () => { endEmitted = true; t.T("end"); });
            c.On("close", () => { t.T("close after end", endEmitted); s!.Close(); });
            c.End("foo");
        });
        t.Listen(s, p =>
        {
            Socket? c = null;
            c = Net.Connect(p, "127.0.0.1", () => c!.End("foo"));
            c.Resume();
        });
    }

    public static void NetWriteConnectWrite(Trace t)
    {
        Server? s = null;
        s = Net.CreateServer(c => c.Pipe(c));
        t.Listen(s, p =>
        {
            var conn = Net.Connect(p, "127.0.0.1");
            string received = "";
            conn.SetEncoding("utf8");
            conn.Write("before");
            conn.On("connect", () => conn.Write(" after"));
            conn.On<string>("data", d => { received += d; if (received == "before after") conn.End(); });
            conn.On("end", () => { t.T("received", received); s!.Close(); });
        });
    }

    public static void NetBytesWrittenLarge(Trace t)
    {
        const int N = 10000000;
        var variants = new Action<Socket>[]
        {
            c => { c.End(new byte[N], () => t.T("buffer end cb", c.BytesWritten)); t.T("buffer", c.BytesWritten); },
            c => { c.End(new string('a', N), null, () => t.T("string end cb", c.BytesWritten)); t.T("string", c.BytesWritten); },
            c =>
            {
                c.Cork();
                c.Write(new string('a', N));
                t.T("writev 1", c.BytesWritten);
                c.Write(new byte[N]);
                t.T("writev 2", c.BytesWritten);
                c.End("", null, () => t.T("writev end cb", c.BytesWritten));
                c.Uncork();
            },
        };
        void Run(int i)
        {
            if (i == variants.Length) return;
            Server? s = null;
            s = Net.CreateServer(c => variants[i](c));
            t.Listen(s, p =>
            {
                var client = Net.Connect(p, "127.0.0.1");
                client.Resume();
                client.On("close", () => { t.T("client read", i, client.BytesRead); s!.Close(); Run(i + 1); });
            });
        }
        Run(0);
    }
}
