using System.Text;

namespace NodeNet.Tests.Conformance;

// Twins of the scenarios the reliability work added: reconnects, and inputs node rejects.
public static partial class Scenarios
{
    public static void ReconnectFlowing(Trace t)
    {
        int n = 0;
        var s = Net.CreateServer(sock => sock.End("hello " + ++n));
        t.Listen(s, p =>
        {
            var c = Net.Connect(p, "127.0.0.1");
            c.On<byte[]>("data", d => t.T("data", Encoding.UTF8.GetString(d), c.ReadableFlowing));
            c.Once<bool>("close", h =>
            {
                t.T("first close", h, c.ReadableFlowing, c.Destroyed);
                c.Connect(p, "127.0.0.1", () => t.T("reconnected", c.ReadableFlowing, c.BytesRead));
                c.Once<bool>("close", h2 =>
                {
                    t.T("second close", h2, c.ReadableFlowing, c.BytesRead);
                    var d = Net.Connect(p, "127.0.0.1");
                    d.Once<byte[]>("data", x => { t.T("third data", Encoding.UTF8.GetString(x)); d.Destroy(); });
                    d.Once("close", () =>
                    {
                        t.T("destroyed", d.ReadableFlowing);
                        d.Connect(p, "127.0.0.1");
                        d.On("close", () => { t.T("fourth close", d.BytesRead); s.Close(); });
                    });
                });
            });
        });
    }

    public static void ListenEmptyAndFd(Trace t)
    {
        t.TryDo("listen(\"\")", () => Net.CreateServer().Listen(""));
        t.TryDo("listen({ path: \"\" })", () => Net.CreateServer().Listen(new ListenOptions { Path = "" }));
        t.TryDo("listen({ fd: -1 })", () => Net.CreateServer().Listen(new ListenOptions { Fd = -1 }));
        t.TryDo("connect timeout -1", () => Net.Connect(new ConnectOptions { Port = 1, Host = "127.0.0.1", Timeout = -1 }));
        var s = Net.CreateServer();
        s.On<Exception>("error", e => { t.T("fd 99 error", Trace.Err(e), ((INodeError)e).Port != null); s.Close(); });
        t.TryDo("listen({ fd: 99 })", () => s.Listen(new ListenOptions { Fd = 99 }));
    }

    public static void ConnectSignal(Trace t)
    {
        var s = Net.CreateServer(sock => sock.On<Exception>("error", _ => { }));
        t.Listen(s, p =>
        {
            var ac = new CancellationTokenSource();
            Socket? c = null;
            c = Net.Connect(new ConnectOptions { Port = p, Host = "127.0.0.1", Signal = ac.Token }, () =>
            {
                t.T("connect");
                ac.Cancel();
                t.T("aborted", c!.Destroyed);
            });
            c.On<Exception>("error", e => t.T("error", Trace.Err(e)));
            c.On<bool>("close", h => { t.T("close", h, c.Destroyed); s.Close(); });
            var ac2 = new CancellationTokenSource();
            var d = Net.Connect(new ConnectOptions { Port = p, Host = "127.0.0.1", Signal = ac2.Token });
            ac2.Cancel();
            t.T("aborted while connecting", d.Destroyed, d.Connecting);
            d.On<Exception>("error", e => t.T("d error", Trace.Err(e)));
            d.On<bool>("close", h => t.T("d close", h));
        });
    }

    public static void ReadableEncoding(Trace t)
    {
        var s = Net.CreateServer(sock => sock.End("x"));
        t.Listen(s, p =>
        {
            var c = Net.Connect(p, "127.0.0.1");
            t.T("before", c.ReadableEncoding);
            c.SetEncoding("UTF-8");
            t.T("utf-8", c.ReadableEncoding);
            c.SetEncoding("latin1");
            t.T("latin1", c.ReadableEncoding);
            c.On<string>("data", d => t.T("data", d));
            c.On("close", () => { t.T("after close", c.ReadableEncoding); s.Close(); });
        });
    }
}
