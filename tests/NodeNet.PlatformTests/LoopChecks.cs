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

    /// <summary>Node 26's worker transfer, between loops: a bound socket, a listening server and a fresh connection move
    /// to another loop (Windows: over a loop link, as a multi-loop server passes connections; Unix: a dup()), and serve
    /// there.</summary>
    public static async Task Transfer()
    {
        await using var first = EventLoop.StartHosted();
        await using var second = EventLoop.StartHosted();
        // A bound socket, moved and listened on there.
        var bound = await first.On(() => new BoundSocket(new BoundSocketOptions { Host = "127.0.0.1" }));
        var movedBound = await (await first.On(() => bound.TransferAsync(second))).WaitAsync(Deadline);
        var fromBound = await EchoServer(second);
        await second.On(() => fromBound.Listen(movedBound));
        int boundPort = await second.On(() => fromBound.Address()!.Port);
        await using (var c = await Net.ConnectAsync(boundPort, "127.0.0.1").WaitAsync(Deadline)) await EchoRoundTrip(c, 100_000, 1);
        // A listening server, moved: its new twin there accepts.
        var server = await first.On(() => Net.CreateServer(new ServerOptions { PauseOnConnect = true }));
        int port = (await server.ListenAsync(0, "127.0.0.1").WaitAsync(Deadline)).Port;
        var moved = await (await first.On(() => server.TransferAsync(second))).WaitAsync(Deadline);
        var accepted = new TaskCompletionSource<Socket>(TaskCreationOptions.RunContinuationsAsynchronously);
        await second.On(() => moved.On<Socket>("connection", s => accepted.TrySetResult(s)));
        await using var client = await Net.ConnectAsync(port, "127.0.0.1").WaitAsync(Deadline);
        var socket = await accepted.Task.WaitAsync(Deadline);
        // The connection it accepted (paused, so nothing read), moved back to the first loop and echoing there.
        var back = await (await second.On(() => socket.TransferAsync(first))).WaitAsync(Deadline);
        await first.On(() => back.On<byte[]>("data", d => back.Write(d)));
        await EchoRoundTrip(client, 100_000, 2);
        Expect.Equal(true, await second.On(() => socket.Destroyed), "the moved connection's old socket is destroyed");
        await second.On(() => moved.Close());
        await second.On(() => fromBound.Close());
        await first.On(() => back.Destroy());
    }
}
