namespace NodeNet.Tests.Conformance;

// The stream half of net.Socket (issue 24): unpipe, pipeline/finished, highWaterMark 0, state, 'readable' precedence.
public static partial class Scenarios
{
    public static void SocketPipeUnpipe(Trace t)
    {
        var conns = new List<Socket>();
        Server? s = null;
        s = Net.CreateServer(c =>
        {
            conns.Add(c);
            c.SetEncoding("utf8");
            string got = "";
            c.On<string>("data", d => got += d);
            c.On("end", () => { t.T("server end", conns.IndexOf(c), got); c.End(); });
            c.On("close", () => { if (conns.All(x => x.Destroyed)) s!.Close(); });
        });
        t.Listen(s, p =>
        {
            var a = Net.Connect(p, "127.0.0.1");
            var b = Net.Connect(p, "127.0.0.1");
            var d = Net.Connect(p, "127.0.0.1");
            int ready = 0;
            foreach (var x in new[] { a, b, d }) x.On("connect", () => { if (++ready == 3) Go(); });
            void Go()
            {
                var src = conns[0];
                b.On<Socket>("pipe", from => t.T("b pipe", from == src));
                b.On<Socket>("unpipe", from => t.T("b unpipe", from == src, src.ReadableFlowing));
                d.On<Socket>("pipe", from => t.T("d pipe", from == src));
                d.On<Socket>("unpipe", from => t.T("d unpipe", from == src));
                src.RemoveAllListeners("data");
                src.RemoveAllListeners("end");
                t.T("pipe returns dest", src.Pipe(b) == b, src.ReadableFlowing);
                src.Pipe(d, end: false);
                a.Write("one");
                src.Once<string>("data", _ =>
                {
                    EventLoop.Current!.SetImmediate(() =>
                    {
                        t.T("unpipe b returns source", src.Unpipe(b) == src, src.ReadableFlowing);
                        t.T("unpipe unknown", src.Unpipe(a) == src);
                        src.Unpipe();
                        t.T("after unpipe all", src.ReadableFlowing, src.IsPaused());
                        src.Pipe(b);
                        a.End("two");
                        src.On("end", () => t.T("src end"));
                        b.On("finish", () => t.T("b finish (ended by the pipe)"));
                        d.On("finish", () => t.T("d finish"));
                        EventLoop.Current!.SetTimeout(() => { t.T("d still writable", d.Writable); d.End(); a.Destroy(); }, 50);
                    });
                });
            }
        });
    }

    public static void PipelineFinished(Trace t)
    {
        var conns = new List<Socket>();
        Socket? a = null, b = null;
        Server? s = null;
        s = Net.CreateServer(c => { conns.Add(c); if (conns.Count == 2) Step1(); });
        t.Listen(s, p =>
        {
            a = Net.Connect(p, "127.0.0.1");
            b = Net.Connect(p, "127.0.0.1");
        });
        void Step1()
        {
            var sa = conns[0];
            var sb = conns[1];
            string got = "";
            b!.SetEncoding("utf8");
            b.On<string>("data", d => got += d);
            b.On("end", () => { t.T("b got", got); b.End(); });
            var r = Net.Pipeline(sa, sb, e =>
            {
                t.T("pipeline done", Trace.Err(e), sa.Destroyed, sb.Destroyed);
                Net.Finished(sb, e2 => t.T("finished after done", Trace.Err(e2)));
                Step2();
            });
            t.T("pipeline returns last", r == sb);
            Net.Finished(sa, e => t.T("finished sa readable", Trace.Err(e)), writable: false);
            a!.End("through the pipeline");
        }
        void Step2()
        {
            conns.Clear();
            int p = s!.Address()!.Port;
            s.RemoveAllListeners("connection");
            s.On<Socket>("connection", c => { conns.Add(c); if (conns.Count == 2) Step3(); });
            a = Net.Connect(p, "127.0.0.1");
            b = Net.Connect(p, "127.0.0.1");
            a.On<Exception>("error", _ => { });
            b.On<Exception>("error", _ => { });
        }
        void Step3()
        {
            var sa = conns[0];
            var sb = conns[1];
            Net.Pipeline(sa, sb, e =>
            {
                t.T("pipeline error", Trace.Err(e), sa.Destroyed, sb.Destroyed);
                var x = new Socket();
                Net.Finished(x, e2 => { t.T("finished on destroyed", Trace.Err(e2)); s!.Close(); a!.Destroy(); b!.Destroy(); });
                x.Destroy();
            });
            sa.On<byte[]>("data", _ => sb.Destroy(new NodeNetException("EBOOM", "boom")));
            a!.Write("x");
        }
    }

    public static void HighWaterMarkZero(Trace t)
    {
        Server? s = null;
        s = Net.CreateServer(new ServerOptions { HighWaterMark = 0 }, c =>
        {
            t.T("server hwm", c.ReadableHighWaterMark, c.WritableHighWaterMark);
            int n = 0;
            c.On<byte[]>("data", d => n += d.Length);
            c.On("end", () => { t.T("server got", n); c.End("bye"); });
            c.On("close", () => s!.Close());
        });
        t.Listen(s, p =>
        {
            Socket? c = null;
            c = Net.Connect(new ConnectOptions { Port = p, Host = "127.0.0.1", HighWaterMark = 0 }, () =>
            {
                t.T("client hwm", c!.ReadableHighWaterMark, c.WritableHighWaterMark);
                t.T("write returns", c.Write("abc"), c.WritableNeedDrain);
                c.On("drain", () => t.T("drain"));
                c.End("def");
            });
            string got = "";
            c.On("readable", () => { object? x; while ((x = c.Read()) != null) got += Str(x); });
            c.On("end", () => t.T("client got", got));
            c.On("close", () => t.T("client close"));
        });
    }

    public static void StreamState(Trace t)
    {
        void State(string label, Socket x) => t.T(label, Trace.Err(x.Errored), x.IsClosed, x.Destroyed, x.ReadableEnded,
            x.ReadableAborted, x.WritableFinished, x.ReadableDidRead);
        var fresh = new Socket();
        State("fresh", fresh);
        fresh.Destroy();
        State("destroyed fresh", fresh);
        fresh.End((Exception? e) => t.T("end cb after destroy (never)", Trace.Err(e)));
        Server? s = null;
        s = Net.CreateServer(c => { c.Resume(); c.On("end", () => c.End()); });
        t.Listen(s, p =>
        {
            Socket? c = null;
            c = Net.Connect(p, "127.0.0.1", () =>
            {
                State("connected", c!);
                c!.End("x", null, (Exception? e) =>
                {
                    t.T("end cb", Trace.Err(e));
                    c.End((Exception? e2) => t.T("second end cb", Trace.Err(e2)));
                });
            });
            c.Resume();
            c.On<byte[]>("data", _ => { });
            c.On("end", () => State("at end", c));
            c.On("close", () =>
            {
                State("closed", c);
                var d = Net.Connect(p, "127.0.0.1");
                d.On("connect", () =>
                {
                    d.Destroy(new NodeNetException("EBOOM", "boom"));
                    State("destroyed with error", d);
                });
                d.On<Exception>("error", e => t.T("d error", Trace.Err(e)));
                d.On("close", () =>
                {
                    State("d closed", d);
                    var r = Net.Connect(1, "127.0.0.1");
                    r.On<Exception>("error", e => t.T("refused error", ((INodeError)e).Code));
                    r.Write("w", e => t.T("refused write cb", Trace.Err(e)));
                    r.End((Exception? e) => t.T("refused end cb", Trace.Err(e)));
                    r.On("close", () => { State("refused closed", r); s!.Close(); });
                });
            });
        });
    }

    public static void ReadablePrecedence(Trace t)
    {
        Server? s = null;
        s = Net.CreateServer(c =>
        {
            c.Write("first");
            c.On<byte[]>("data", d => { if (System.Text.Encoding.UTF8.GetString(d) == "again") c.End("second"); });
        });
        t.Listen(s, p =>
        {
            var c = Net.Connect(p, "127.0.0.1");
            c.SetEncoding("utf8");
            c.On<string>("data", d => t.T("data", d, c.ReadableFlowing));
            t.T("after data listener", c.ReadableFlowing);
            Action? onReadable = null;
            onReadable = () =>
            {
                var x = Str(c.Read());
                t.T("readable", x, c.ReadableFlowing);
                if (x == "first")
                {
                    c.Off("readable", onReadable!);
                    t.T("removed readable", c.ReadableFlowing);
                    EventLoop.Current!.NextTick(() => t.T("next tick", c.ReadableFlowing));
                    c.Write("again");
                }
            };
            c.On("readable", onReadable);
            t.T("after readable listener", c.ReadableFlowing, c.IsPaused());
            c.On("end", () => t.T("end"));
            c.On("close", () => { t.T("close"); s!.Close(); });
        });
    }
}

public static partial class Scenarios
{
    public static void ForAwait(Trace t)
    {
        Server? s = null;
        s = Net.CreateServer(c =>
        {
            c.On<Exception>("error", _ => { });
            c.Write("a");
            EventLoop.Current!.SetTimeout(() => c.Write("b"), 20);
            EventLoop.Current!.SetTimeout(() => { if (c.Writable) c.End("c"); }, 40);
        });
        t.Listen(s, p => _ = Run(p));
        async Task Run(int p)
        {
            var c = Net.Connect(p, "127.0.0.1");
            string got = "";
            await foreach (var x in c) got += System.Text.Encoding.UTF8.GetString(x.Span);
            t.T("ended", got, c.Destroyed);
            var d = Net.Connect(p, "127.0.0.1");
            await foreach (var x in d) { t.T("break at", System.Text.Encoding.UTF8.GetString(x.Span)); break; }
            var immediate = new TaskCompletionSource();
            EventLoop.Current!.SetImmediate(() => immediate.SetResult());
            await immediate.Task;
            t.T("after break destroyed", d.Destroyed);
            var e = Net.Connect(p, "127.0.0.1");
            try { await foreach (var _ in e) e.Destroy(); t.T("no throw"); }
            catch (Exception err) { t.T("destroyed midway threw", ((INodeError)err).Code); }
            s!.Close();
        }
    }
}

public static partial class Scenarios
{
    public static void WritableLength(Trace t)
    {
        Server? s = null;
        s = Net.CreateServer(c => { c.Resume(); c.On("end", () => { t.T("server read", c.BytesRead); c.End(); s!.Close(); }); });
        t.Listen(s, p =>
        {
            var c = Net.Connect(p, "127.0.0.1");
            c.Write("h\u00e9\u20ac");
            t.T("string of 3", c.WritableLength, c.BufferSize, c.BytesWritten);
            c.Write(System.Text.Encoding.UTF8.GetBytes("h\u00e9\u20ac"));
            t.T("and its 6 bytes", c.WritableLength, c.BufferSize, c.BytesWritten);
            c.Write("abcd", "hex");
            t.T("hex string of 4", c.WritableLength, c.BytesWritten);
            c.Write("\ud83d\ude00");
            t.T("surrogate pair", c.WritableLength, c.BytesWritten);
            c.On("connect", () => EventLoop.Current!.SetImmediate(() => t.T("after connect", c.WritableLength, c.BytesWritten)));
            c.End();
            c.On("finish", () => t.T("finish", c.WritableLength, c.BytesWritten));
            c.On("close", () => t.T("close"));
        });
    }
}
