using System.Collections.Concurrent;
using static NodeNet.PlatformTests.Helpers;

namespace NodeNet.PlatformTests;

/// <summary>A server on two loops: connections passed between loops with uv_write2 (a socketpair on Unix, a named
/// pipe on Windows), each served on the thread of its loop.</summary>
internal static class LoopChecks
{
    public static async Task TwoLoops(bool pipe)
    {
        await using var loop = EventLoop.StartHosted();
        loop.UncaughtException += e => Console.WriteLine($"        uncaught on the accepting loop: {e}");
        var threads = new ConcurrentDictionary<int, int>();
        var server = await loop.On(() => Net.CreateServer(new ServerOptions { Loops = 2 }, s =>
        {
            threads.AddOrUpdate(Environment.CurrentManagedThreadId, 1, (_, n) => n + 1);
            s.On<Exception>("error", _ => { });
            s.On<byte[]>("data", d => s.Write(d));
        }));
        string name = PipeName();
        int port = pipe ? 0 : (await server.ListenAsync(0, "127.0.0.1").WaitAsync(Deadline)).Port;
        if (pipe) await server.ListenAsync(name).WaitAsync(Deadline);
        var clients = new List<Socket>();
        for (int i = 0; i < 6; i++)
            clients.Add(await (pipe ? Net.ConnectAsync(name) : Net.ConnectAsync(port, "127.0.0.1")).WaitAsync(Deadline));
        for (int i = 0; i < clients.Count; i++) await EchoRoundTrip(clients[i], 10_000, i);
        var perLoop = await loop.On(() => server.ConnectionsPerLoop);
        // Windows cannot pass pipe handles between loops (libuv sends TCP handles only): a pipe server serves on one.
        string expected = pipe && OperatingSystem.IsWindows() ? "6" : "3,3";
        Expect.Equal(expected, string.Join(",", perLoop), "connections per loop");
        Expect.Equal(expected == "6" ? 1 : 2, threads.Count, "threads that emitted 'connection'");
        foreach (var c in clients) await c.DisposeAsync();
        await server.CloseAsync().WaitAsync(Deadline);
    }
}
