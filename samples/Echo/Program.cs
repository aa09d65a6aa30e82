// Echo server: `Echo <port | socket path>` prints "listening on <address>" and echoes every byte back
// until Ctrl+C or SIGTERM, then closes cleanly. `Echo --check <port | path> [--connections N] [--megabytes M]`
// is the matching client: it pushes M MiB through each of N connections and verifies the echo byte for byte.
using System.Runtime.InteropServices;
using NodeNet;

if (args.Length == 0 || args[0] is "-h" or "--help")
{
    Console.Error.WriteLine("usage: Echo <port | socket path>\n       Echo --check <port | socket path> [--connections N] [--megabytes M]");
    return 2;
}
return args[0] == "--check" ? EchoCheck.Run(args[1..]) : EchoServer.Run(args[0]);

static class EchoServer
{
    public static int Run(string portOrPath)
    {
        int exitCode = 0;
        EventLoop.Run(() =>
        {
            var loop = EventLoop.Current!;
            var open = new HashSet<Socket>();
            var server = Net.CreateServer(socket =>
            {
                open.Add(socket);
                socket.On<byte[]>("data", data =>
                {
                    // Backpressure: stop reading while the peer is slower than we are.
                    if (!socket.Write(data)) { socket.Pause(); socket.Once("drain", () => socket.Resume()); }
                });
                socket.On<Exception>("error", _ => { }); // a peer vanishing is not the server's problem
                socket.On("close", () => open.Remove(socket));
            });
            server.On<Exception>("error", e => { Console.Error.WriteLine(e.Message); exitCode = 1; });
            server.Listen(portOrPath, () => Console.WriteLine($"listening on {server.Address()}"));

            void Shutdown()
            {
                server.Close(_ => Console.WriteLine("closed"));
                foreach (var s in open.ToArray()) s.Destroy();
            }
            // Signals arrive on another thread; the loop thread does the closing.
            var registrations = new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM }.Select(sig =>
                PosixSignalRegistration.Create(sig, ctx => { ctx.Cancel = true; loop.TryPost(Shutdown); })).ToArray();
            server.On("close", () => { foreach (var r in registrations) r.Dispose(); });
        });
        return exitCode;
    }
}

static class EchoCheck
{
    public static int Run(string[] args)
    {
        string target = args[0];
        int connections = Option(args, "--connections", 1);
        long bytesEach = Option(args, "--megabytes", 1) * 1024L * 1024;
        var pattern = new byte[1 << 20];
        new Random(12345).NextBytes(pattern);
        int ok = 0, failed = 0;
        var started = System.Diagnostics.Stopwatch.StartNew();
        EventLoop.Run(() =>
        {
            for (int c = 0; c < connections; c++)
            {
                int id = c;
                long sent = 0, received = 0;
                bool mismatch = false;
                var socket = Net.Connect(target);
                void Pump()
                {
                    while (sent < bytesEach)
                    {
                        int n = (int)Math.Min(64 * 1024, bytesEach - sent);
                        var chunk = new byte[n];
                        for (int i = 0; i < n; i++) chunk[i] = pattern[(sent + i + id) % pattern.Length];
                        sent += n;
                        if (!socket.Write(chunk)) { socket.Once("drain", Pump); return; }
                    }
                    socket.End();
                }
                socket.On("connect", Pump);
                socket.On<byte[]>("data", data =>
                {
                    for (int i = 0; i < data.Length && !mismatch; i++)
                        if (data[i] != pattern[(received + i + id) % pattern.Length]) mismatch = true;
                    received += data.Length;
                });
                socket.On<Exception>("error", e => { Console.Error.WriteLine($"connection {id}: {e.Message}"); mismatch = true; });
                socket.On("close", () =>
                {
                    if (!mismatch && received == bytesEach) ok++;
                    else { failed++; Console.Error.WriteLine($"connection {id}: received {received} of {bytesEach} bytes{(mismatch ? ", with differences" : "")}"); }
                });
            }
        });
        double seconds = started.Elapsed.TotalSeconds;
        double mb = connections * (double)bytesEach / (1024 * 1024);
        Console.WriteLine($"{ok} of {connections} connections echoed {bytesEach / (1024 * 1024)} MiB byte for byte " +
                          $"({mb:F0} MiB each way in {seconds:F2} s, {mb / seconds:F0} MiB/s)");
        return failed == 0 && ok == connections ? 0 : 1;
    }

    private static int Option(string[] args, string name, int fallback)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], out int v) && v > 0 ? v : fallback;
    }
}
