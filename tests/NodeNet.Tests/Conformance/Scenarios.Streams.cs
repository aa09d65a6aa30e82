using System.Text;

namespace NodeNet.Tests.Conformance;

// The stream half of net.Socket (issue 24): pipe, paused mode, cork, encodings.
public static partial class Scenarios
{
    private static string? Str(object? chunk) => chunk switch
    {
        null => null,
        byte[] b => Encoding.UTF8.GetString(b),
        _ => (string)chunk,
    };

    public static void SocketPipeEcho(Trace t)
    {
        Server? s = null;
        s = Net.CreateServer(c =>
        {
            c.On<Socket>("pipe", src => t.T("server pipe", src == c));
            c.On<Socket>("unpipe", src => t.T("server unpipe", src == c, c.ReadableFlowing));
            c.Write("hello\r\n");
            var r = c.Pipe(c);
            t.T("pipe returns destination", r == c, c.ReadableFlowing);
            c.On("end", () => t.T("server end"));
            c.On("finish", () => t.T("server finish"));
            c.On<bool>("close", e => { t.T("server close", e, c.BytesRead, c.BytesWritten); s!.Close(); });
        });
        t.Listen(s, p =>
        {
            var c = Net.Connect(p, "127.0.0.1");
            c.SetEncoding("utf8");
            string got = "";
            c.On<string>("data", d =>
            {
                got += d;
                if (got == "hello\r\n") c.Write("one\r\n");
                else if (got == "hello\r\none\r\n") { c.Write("two\r\n"); c.End("three\r\n"); }
            });
            c.On("end", () => t.T("client end", System.Text.Json.JsonSerializer.Serialize(got)));
            c.On<bool>("close", e => t.T("client close", e));
        });
    }

    public static void PausedRead(Trace t)
    {
        Server? s = null;
        s = Net.CreateServer(c =>
        {
            t.T("server flowing", c.ReadableFlowing, c.IsPaused());
            int step = 0;
            c.On("readable", () =>
            {
                step++;
                t.T("readable", step, c.ReadableLength, c.ReadableFlowing, c.IsPaused(), c.ReadableEnded);
                if (step < 3) { c.Write("next"); return; }
                if (step == 3)
                {
                    t.T("read(2)", Str(c.Read(2)), c.ReadableLength);
                    t.T("read()", Str(c.Read()), c.ReadableLength);
                    t.T("unshift", c.Unshift("XY"u8.ToArray()), c.ReadableLength);
                    t.T("unshift string", c.Unshift("Z"), c.ReadableLength);
                    t.T("read(100)", Str(c.Read(100)), c.ReadableLength);
                    t.T("read(0)", Str(c.Read(0)), c.ReadableLength);
                    object? x;
                    while ((x = c.Read()) != null) t.T("loop read", Str(x), c.ReadableLength);
                    c.Write("done");
                    return;
                }
                t.T("at end read", Str(c.Read()), c.ReadableLength);
            });
            c.On("end", () =>
            {
                t.T("end", c.ReadableLength, c.ReadableEnded, c.Readable);
                t.TryDo("unshift after end", () => c.Unshift("late"u8.ToArray()));
            });
            c.On<Exception>("error", e => t.T("error", ((INodeError)e).Code));
            c.On("close", () => { t.T("close", c.Destroyed); s!.Close(); });
        });
        t.Listen(s, p =>
        {
            Socket? c = null;
            c = Net.Connect(p, "127.0.0.1", () => c!.Write("aaa"));
            var next = new Queue<string>(["bbb", "ccc"]);
            c.On<byte[]>("data", d => { if (Encoding.UTF8.GetString(d) == "next") c.Write(next.Dequeue()); else c.End(); });
            c.On("close", () => t.T("client close"));
        });
    }

    public static void CorkWrites(Trace t)
    {
        Server? s = null;
        s = Net.CreateServer(c =>
        {
            string got = "";
            c.SetEncoding("latin1");
            c.On<string>("data", d => got += d);
            c.On("end", () => { t.T("server got", got); c.End(); });
            c.On("close", () => s!.Close());
        });
        t.Listen(s, p =>
        {
            var c = Net.Connect(p, "127.0.0.1");
            c.Cork();
            t.T("corked while connecting", c.WritableCorked, c.WritableLength);
            c.Write("a", e => t.T("cb a", Trace.Err(e)));
            c.Write("b", e => t.T("cb b", Trace.Err(e)));
            t.T("held", c.WritableCorked, c.WritableLength, c.WritableNeedDrain);
            c.Uncork();
            t.T("uncorked", c.WritableCorked);
            c.Uncork();
            t.T("extra uncork", c.WritableCorked);
            c.On("connect", () =>
            {
                c.Cork(); c.Cork();
                c.Write("c", e => t.T("cb c", Trace.Err(e)));
                t.T("nested", c.WritableCorked, c.WritableLength);
                c.Uncork();
                t.T("still corked", c.WritableCorked, c.WritableLength);
                EventLoop.Current!.SetImmediate(() =>
                {
                    t.T("after a turn, still held", c.WritableLength);
                    c.Write("d", e => t.T("cb d", Trace.Err(e)));
                    c.End("e", null, (Exception? e) => t.T("end cb", Trace.Err(e), c.WritableCorked, c.WritableLength));
                    t.T("after end", c.WritableCorked, c.WritableEnded);
                });
            });
            c.Resume();
            c.On("finish", () => t.T("finish"));
            c.On("close", () => t.T("client close"));
        });
    }

    public static void WriteEncodings(Trace t)
    {
        Server? s = null;
        s = Net.CreateServer(c =>
        {
            var parts = new List<byte>();
            c.On<byte[]>("data", d => parts.AddRange(d));
            c.On("end", () => { t.T("server got", Convert.ToHexStringLower(parts.ToArray())); c.End(); });
            c.On("close", () => s!.Close());
        });
        t.Listen(s, p =>
        {
            Socket? c = null;
            c = Net.Connect(p, "127.0.0.1", () =>
            {
                c!.Write("h\u00e9\u20ac", "utf8");
                c.Write("h\u00e9", "utf-8");
                c.Write("h\u00e9\u20ac", "utf16le");
                c.Write("ab", "ucs2");
                c.Write("h\u00e9\u0100", "latin1");
                c.Write("xy", "binary");
                c.Write("h\u00e9", "ascii");
                c.Write("aGk+Pz8=", "base64");
                c.Write("Pz8-Pg", "base64url");
                c.Write("00ff7G", "hex");
                t.T("setDefaultEncoding returns", c.SetDefaultEncoding("hex") == c);
                c.Write("cafe");
                c.SetDefaultEncoding("UTF8");
                c.Write("ok");
                t.TryDo("setDefaultEncoding(nope)", () => c.SetDefaultEncoding("nope"));
                t.TryDo("write(x, nope)", () => c.Write("x", "nope"));
                c.End("!", "ascii");
            });
            c.Resume();
            c.On("close", () => t.T("client close"));
        });
    }
}
