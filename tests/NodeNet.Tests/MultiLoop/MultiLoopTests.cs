using System.Collections.Concurrent;
using System.Text;
using Xunit;

namespace NodeNet.Tests.MultiLoop;

/// <summary>One server on several loops: each connection lives on one loop for its whole life, and the server-wide
/// semantics (counts, maxConnections, close, ref) stay exact across them.</summary>
public class MultiLoopTests
{
    private static readonly TimeSpan Deadline = LoopHelpers.Deadline;

    /// <summary>An echo server on <paramref name="options"/>'s loops that records, per connection, the thread of its
    /// 'connection' event and of every 'data' event.</summary>
    private sealed class Recorder
    {
        public readonly ConcurrentDictionary<Socket, ConcurrentBag<int>> Threads = new();
        public readonly ConcurrentDictionary<int, int> PerThread = new();

        public void Serve(Socket s)
        {
            var threads = Threads.GetOrAdd(s, _ => new ConcurrentBag<int>());
            threads.Add(Environment.CurrentManagedThreadId);
            PerThread.AddOrUpdate(Environment.CurrentManagedThreadId, 1, (_, n) => n + 1);
            s.On<Exception>("error", _ => { });
            s.On<byte[]>("data", d => { threads.Add(Environment.CurrentManagedThreadId); s.Write(d); });
        }
    }

    private static async Task<List<Socket>> Clients(int count, Func<Task<Socket>> connect)
    {
        var clients = new List<Socket>();
        for (int i = 0; i < count; i++) clients.Add(await connect().WaitAsync(Deadline));
        return clients;
    }

    [Fact]
    public async Task Round_robin_over_two_loops_spreads_evenly_and_each_connection_stays_on_its_loop()
    {
        await using var loop = EventLoop.StartHosted();
        var recorder = new Recorder();
        var server = await loop.On(() => Net.CreateServer(new ServerOptions { Loops = 2 }, recorder.Serve));
        int port = (await server.ListenAsync(0, "127.0.0.1").WaitAsync(Deadline)).Port;
        Assert.Equal(LoopMode.Pass, await loop.On(() => server.LoopModeInUse));
        var clients = await Clients(20, () => Net.ConnectAsync(port, "127.0.0.1"));
        foreach (var c in clients) await LoopHelpers.Echo(c, "ping on its loop");

        Assert.Equal(2, recorder.PerThread.Count);
        Assert.All(recorder.PerThread.Values, n => Assert.Equal(10, n));
        Assert.All(recorder.Threads.Values, threads => Assert.Single(threads.Distinct()));
        Assert.Equal([10, 10], await loop.On(() => server.ConnectionsPerLoop));
        var counted = new TaskCompletionSource<int>();
        await loop.On(() => server.GetConnections((_, n) => counted.SetResult(n)));
        Assert.Equal(20, await counted.Task.WaitAsync(Deadline));

        // close() waits for the connections on both loops.
        var closed = server.CloseAsync();
        Assert.False(await loop.On(() => server.Listening));
        // A round trip on every connection passes through both loops after the close reached them; they still serve.
        foreach (var c in clients) await LoopHelpers.Echo(c, "served while closing");
        Assert.False(closed.IsCompleted);
        foreach (var c in clients) await c.DisposeAsync();
        await closed.WaitAsync(Deadline);
    }

    [Fact]
    public async Task Least_connections_and_a_sticky_ChooseLoop_pick_the_loop()
    {
        await using var loop = EventLoop.StartHosted();
        var byAddress = new Recorder();
        // Sticky by remote address: every client of 127.0.0.2 lands on loop 1, the rest on loop 0.
        var sticky = await loop.On(() => Net.CreateServer(new ServerOptions
        {
            Loops = 3,
            ChooseLoop = c => c.RemoteAddress == "127.0.0.2" ? 1 : 0,
        }, byAddress.Serve));
        int port = (await sticky.ListenAsync(0, "0.0.0.0").WaitAsync(Deadline)).Port;
        var clients = await Clients(4, () => Net.ConnectAsync(new ConnectOptions { Port = port, Host = "127.0.0.1", LocalAddress = "127.0.0.2" }));
        clients.AddRange(await Clients(2, () => Net.ConnectAsync(port, "127.0.0.1")));
        foreach (var c in clients) await LoopHelpers.Echo(c, "sticky");
        Assert.Equal([2, 4, 0], await loop.On(() => sticky.ConnectionsPerLoop));
        foreach (var c in clients) await c.DisposeAsync();
        await sticky.CloseAsync().WaitAsync(Deadline);

        var least = await loop.On(() => Net.CreateServer(new ServerOptions { Loops = 2, Distribution = LoopDistribution.LeastConnections }, new Recorder().Serve));
        port = (await least.ListenAsync(0, "127.0.0.1").WaitAsync(Deadline)).Port;
        var first = await Clients(4, () => Net.ConnectAsync(port, "127.0.0.1"));
        foreach (var c in first) await LoopHelpers.Echo(c, "x");
        Assert.Equal([2, 2], await loop.On(() => least.ConnectionsPerLoop));
        // Free loop 1 of its two: the next two go to it.
        var perLoop = new Dictionary<int, int>();
        await first[1].DisposeAsync();
        await first[3].DisposeAsync();
        await loop.WaitFor(() => least.Connections == 2);
        var loads = await loop.On(() => least.ConnectionsPerLoop);
        var more = await Clients(2, () => Net.ConnectAsync(port, "127.0.0.1"));
        foreach (var c in more) await LoopHelpers.Echo(c, "y");
        Assert.Equal([2, 2], await loop.On(() => least.ConnectionsPerLoop));
        foreach (var c in first.Concat(more)) await c.DisposeAsync();
        await least.CloseAsync().WaitAsync(Deadline);
    }


    [Fact]
    public async Task MaxConnections_holds_across_loops_and_drops_the_extra()
    {
        await using var loop = EventLoop.StartHosted();
        var drops = new ConcurrentBag<DropInfo>();
        var server = await loop.On(() =>
        {
            var s = Net.CreateServer(new ServerOptions { Loops = 2 }, new Recorder().Serve);
            s.MaxConnections = 3;
            s.On<DropInfo>("drop", drops.Add);
            return s;
        });
        int port = (await server.ListenAsync(0, "127.0.0.1").WaitAsync(Deadline)).Port;
        var kept = await Clients(3, () => Net.ConnectAsync(port, "127.0.0.1"));
        foreach (var c in kept) await LoopHelpers.Echo(c, "kept");
        var extra = await Net.ConnectAsync(port, "127.0.0.1").WaitAsync(Deadline);
        Assert.Equal(0, await extra.ReadAsync(new byte[1]).AsTask().WaitAsync(Deadline));
        Assert.Single(drops);
        Assert.Equal(3, await loop.On(() => server.Connections));
        foreach (var c in kept.Append(extra)) await c.DisposeAsync();
        await server.CloseAsync().WaitAsync(Deadline);
    }

    [Fact]
    public async Task A_unix_socket_server_passes_its_connections_too()
    {
        await using var loop = EventLoop.StartHosted();
        string path = Path.Combine(TestLoop.TempDir(), "loops.sock");
        var recorder = new Recorder();
        var server = await loop.On(() => Net.CreateServer(new ServerOptions { Loops = 2 }, recorder.Serve));
        await server.ListenAsync(path).WaitAsync(Deadline);
        var clients = await Clients(6, () => Net.ConnectAsync(path));
        foreach (var c in clients) await LoopHelpers.Echo(c, "over a unix socket");
        Assert.Equal([3, 3], await loop.On(() => server.ConnectionsPerLoop));
        Assert.Equal(2, recorder.PerThread.Count);
        foreach (var c in clients) await c.DisposeAsync();
        await server.CloseAsync().WaitAsync(Deadline);
        Assert.False(File.Exists(path));
    }

    [Fact]
    public async Task ReusePort_mode_gives_each_loop_its_own_listener()
    {
        await using var loop = EventLoop.StartHosted();
        var recorder = new Recorder();
        var server = await loop.On(() => Net.CreateServer(new ServerOptions { Loops = 2, LoopMode = LoopMode.ReusePort }, recorder.Serve));
        int port = (await server.ListenAsync(0, "127.0.0.1").WaitAsync(Deadline)).Port;
        Assert.Equal(LoopMode.ReusePort, await loop.On(() => server.LoopModeInUse));
        var clients = await Clients(40, () => Net.ConnectAsync(port, "127.0.0.1"));
        foreach (var c in clients) await LoopHelpers.Echo(c, "kernel-chosen");
        var perLoop = await loop.On(() => server.ConnectionsPerLoop);
        Assert.Equal(40, perLoop.Sum());
        Assert.All(perLoop, n => Assert.True(n > 0, $"a loop got no connection: {string.Join(",", perLoop)}"));
        Assert.All(recorder.Threads.Values, threads => Assert.Single(threads.Distinct()));
        foreach (var c in clients) await c.DisposeAsync();
        await server.CloseAsync().WaitAsync(Deadline);
        // After close no loop accepts any more.
        await NodeAssert.ThrowsAsync(() => Net.ConnectAsync(port, "127.0.0.1").WaitAsync(Deadline));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    [InlineData(1025)]
    public void A_loop_count_out_of_range_is_refused(int loops)
    {
        var e = Assert.ThrowsAny<ArgumentOutOfRangeException>(() => new Server(new ServerOptions { Loops = loops }));
        Assert.Equal("options.Loops", e.ParamName);
        Assert.ThrowsAny<ArgumentOutOfRangeException>(() => EventLoopGroup.Start(loops));
    }

    [Fact]
    public void Node_style_server_on_two_loops_ends_its_loop_after_close_and_the_last_connection()
    {
        var threads = new ConcurrentBag<int>();
        int mainThread = 0;
        TestLoop.Run(() =>
        {
            mainThread = Environment.CurrentManagedThreadId;
            Server? s = null;
            s = Net.CreateServer(new ServerOptions { Loops = 2 }, sock =>
            {
                threads.Add(Environment.CurrentManagedThreadId);
                sock.On("end", () => sock.End());
                sock.Resume();
            });
            s.Listen(0, "127.0.0.1", () =>
            {
                int port = s.Address()!.Port;
                int left = 4;
                for (int i = 0; i < 4; i++)
                {
                    var c = Net.Connect(port, "127.0.0.1", () => { });
                    c.On("connect", () => c.End());
                    c.Resume();
                    c.On("close", () => { if (--left == 0) s.Close(); });
                }
            });
        });
        Assert.Equal(4, threads.Count);
        Assert.Contains(mainThread, threads);
        Assert.Equal(2, threads.Distinct().Count());
    }
}
