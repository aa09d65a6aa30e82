using System.Runtime.InteropServices;

namespace NodeNet.Tests.Conformance;

public static partial class Scenarios
{
    private static object NoAddress(AddressInfo? a) => (object?)Trace.Addr(a) ?? new Dictionary<string, object>();

    public static void PipeListenConnect(Trace t)
    {
        string path = t.Tmp + "/server.sock";
        var s = Net.CreateServer(sock =>
        {
            t.T("connection", sock.RemoteAddress, sock.LocalAddress, sock.RemotePort, NoAddress(sock.Address()));
            sock.End("hello over a pipe");
        });
        var r = s.Listen(path, () =>
        {
            t.T("listening", Trace.Addr(s.Address()), NodeNet.Native.UnixSocket.Stat(path) is { } st && NodeNet.Native.UnixSocket.IsSocket(st.mode));
            Socket? c = null;
            c = Net.Connect(path, () => t.T("connect", c!.RemoteAddress, NoAddress(c.Address())));
            c.SetEncoding("utf8");
            c.On<string>("data", d => t.T("data", d));
            c.On("end", () => t.T("end"));
            c.On<bool>("close", h =>
            {
                t.T("client close", h);
                s.Close(_ => t.T("closed", Trace.Addr(s.Address()), File.Exists(path)));
            });
        });
        t.T("sync", r == s, s.Listening, Trace.Addr(s.Address()));
    }

    public static void PipeEaddrinuse(Trace t)
    {
        string file = t.Tmp + "/regular";
        File.WriteAllText(file, "not a socket");
        var a = Net.CreateServer();
        a.On<Exception>("error", e =>
        {
            t.T("on a regular file", Trace.Err(e), a.Listening, Trace.Addr(a.Address()), File.ReadAllText(file));
            var live = Net.CreateServer();
            live.Listen(t.Tmp + "/live.sock", () =>
            {
                var b = Net.CreateServer();
                b.On<Exception>("error", e2 =>
                {
                    t.T("on a live path", Trace.Err(e2));
                    live.Close(_ => t.T("live closed", File.Exists(t.Tmp + "/live.sock")));
                });
                b.Listen(t.Tmp + "/live.sock");
            });
        });
        a.Listen(file);
    }

    public static void PipeConnectErrors(Trace t)
    {
        File.WriteAllText(t.Tmp + "/regular", "x");
        var a = Net.Connect(t.Tmp + "/missing.sock");
        a.On<Exception>("error", e =>
        {
            t.T("missing", Trace.Err(e));
            var b = Net.Connect(t.Tmp + "/regular");
            b.On<Exception>("error", e2 => t.T("regular file", Trace.Err(e2)));
            b.On<bool>("close", h => t.T("close", h));
        });
    }

    public static void PipePathTooLong(Trace t)
    {
        string path = t.Tmp + "/" + new string('x', 120) + ".sock";
        var s = Net.CreateServer();
        s.On<Exception>("error", e =>
        {
            t.T("listen", Trace.Err(e), s.Listening, Directory.GetFileSystemEntries(t.Tmp).Length);
            var c = Net.Connect(path);
            t.T("connecting", c.Connecting, c.Pending);
            c.On<Exception>("error", e2 => t.T("connect", Trace.Err(e2), c.Destroyed));
            c.On<bool>("close", h => t.T("close", h));
        });
        s.Listen(path);
    }

    public static void NulInHostOrPath(Trace t)
    {
        t.TryDo("listen(0, host)", () => Net.CreateServer().Listen(0, "127.0.0.1\0evil"));
        t.TryDo("listen({ port, host })", () => Net.CreateServer().Listen(new ListenOptions { Port = 0, Host = "127.0.0.1\0evil" }));
        t.TryDo("connect({ port, host })", () => Net.Connect(new ConnectOptions { Port = 1, Host = "127.0.0.1\0evil" }));
        string path = t.Tmp + "/s\0evil";
        var s = Net.CreateServer();
        s.On<Exception>("error", e =>
        {
            t.T("listen(path)", Trace.Err(e), Directory.GetFileSystemEntries(t.Tmp).Length);
            var c = Net.Connect(path);
            c.On<Exception>("error", e2 => t.T("connect(path)", Trace.Err(e2)));
            c.On<bool>("close", h => t.T("close", h));
        });
        s.Listen(path);
    }

    [DllImport("libc", EntryPoint = "umask")] private static extern uint Umask(uint mask);

    public static void PipeModes(Trace t)
    {
        var cases = new (string, ListenOptions)[]
        {
            ("default", new ListenOptions()), ("readableAll", new ListenOptions { ReadableAll = true }),
            ("writableAll", new ListenOptions { WritableAll = true }), ("both", new ListenOptions { ReadableAll = true, WritableAll = true }),
        };
        Umask(0x12); // 022, as the node side sets it
        void Next(int i)
        {
            if (i == cases.Length) return;
            var (name, opts) = cases[i];
            string path = t.Tmp + "/" + name + ".sock";
            var s = Net.CreateServer();
            s.Listen(opts with { Path = path }, () => { t.T(name, Trace.Mode(path)); s.Close(_ => Next(i + 1)); });
        }
        Next(0);
    }

    public static void PipeAbstract(Trace t)
    {
        string name = "\0nodenet-conformance-" + Path.GetFileName(t.Tmp);
        Server? s = null;
        s = Net.CreateServer(sock => sock.End("abstract hello"));
        s.Listen(name, () =>
        {
            t.T("address is the name", s.Address()!.Address == name, Directory.GetFileSystemEntries(t.Tmp).Length);
            var c = Net.Connect(name);
            c.SetEncoding("utf8");
            c.On<string>("data", d => t.T("data", d));
            c.On("close", () => s.Close(_ => t.T("closed")));
        });
        t.TryDo("abstract readableAll", () => Net.CreateServer().Listen(new ListenOptions { Path = "\0x", ReadableAll = true }));
    }

    public static void PipeHalfOpen(Trace t)
    {
        string path = t.Tmp + "/half.sock";
        Server? s = null;
        s = Net.CreateServer(new ServerOptions { AllowHalfOpen = true }, sock =>
        {
            sock.On("end", () => { t.T("server end", sock.Writable); sock.End("reply after client FIN"); });
            sock.On<bool>("close", h => { t.T("server close", h); s!.Close(); });
            sock.Resume();
        });
        s.Listen(path, () =>
        {
            Socket? c = null;
            c = Net.Connect(path, () => c!.End("request"));
            c.SetEncoding("utf8");
            c.On("finish", () => t.T("client finish"));
            c.On<string>("data", d => t.T("client data", d));
            c.On("end", () => t.T("client end"));
            c.On<bool>("close", h => t.T("client close", h));
        });
    }

    public static void PipeEcho16mib(Trace t)
    {
        string path = t.Tmp + "/echo.sock";
        Echo16MiB(t, i => (byte)((i * 31 + (i >> 13)) & 0xff), (server, ready) => server.Listen(path, () => ready(() => Net.Connect(path))));
    }

    public static void PipeDropAndReset(Trace t)
    {
        string path = t.Tmp + "/drop.sock";
        var s = Net.CreateServer(sock => { t.T("connection"); sock.Resume(); });
        s.MaxConnections = 1;
        s.On<object?[]>("drop", a => t.T("drop", a.Length));
        s.Listen(path, () =>
        {
            Socket? a = null;
            a = Net.Connect(path, () =>
            {
                t.TryDo("resetAndDestroy on a pipe", () => a!.ResetAndDestroy());
                var b = Net.Connect(path, () => t.T("b connect"));
                b.Resume();
                b.On("end", () => t.T("b end"));
                b.On<bool>("close", h => { t.T("b close", h); a!.End(); });
            });
            a.Resume();
            a.On("close", () => s.Close(_ => t.T("closed")));
        });
    }

    public static void PipeConnectWhileConnecting(Trace t)
    {
        string path = Path.Combine(t.Tmp, "twice.sock");
        Server? s = null;
        s = Net.CreateServer(sock => { sock.On<Exception>("error", _ => { }); sock.End("hi"); });
        s.Listen(path, () =>
        {
            var c = Net.Connect(path);
            c.On<Exception>("error", e => { var n = (INodeError)e; t.T("error", n.Code, n.Syscall, n.Message == $"connect {n.Code} {path}"); });
            c.On("connect", () => t.T("connect"));
            c.Connect(path);
            t.T("second connect returned", c.Connecting);
            c.On<bool>("close", h => { t.T("close", h); s!.Close(_ => t.T("server closed")); });
        });
    }
}
