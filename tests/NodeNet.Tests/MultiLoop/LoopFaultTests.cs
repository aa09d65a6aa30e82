using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using NetSocket = System.Net.Sockets.Socket;
using Microsoft.Extensions.Logging;
using Xunit;

namespace NodeNet.Tests.MultiLoop;

/// <summary>A loop that dies takes its own connections only; the server says so ('error', its log, a metric, a count),
/// keeps its counts exact, goes on with the other loops or a replacement, and never ends a connection that lives.</summary>
[Collection("metrics")] // the logger factory is process-wide
public class LoopFaultTests
{
    private static readonly TimeSpan Deadline = LoopHelpers.Deadline;

    private sealed class ListLoggerFactory(ConcurrentQueue<string> messages) : ILoggerFactory, ILogger
    {
        public ILogger CreateLogger(string categoryName) => this;
        public void AddProvider(ILoggerProvider provider) { }
        public void Dispose() { }
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            messages.Enqueue(formatter(state, exception));
    }


    [Fact]
    public async Task A_loop_whose_code_throws_takes_only_its_connections_and_the_others_serve_on()
    {
        await using var loop = EventLoop.StartHosted();
        var messages = new ConcurrentQueue<string>();
        NodeNetLogging.LoggerFactory = new ListLoggerFactory(messages);
        try
        {
            int seen = 0;
            var server = await loop.On(() => Net.CreateServer(new ServerOptions { Loops = 3 }, s =>
            {
                s.On<Exception>("error", _ => { });
                // The second connection lands on loop 1 (round-robin); its loop has no uncaught-exception handler.
                if (Interlocked.Increment(ref seen) == 2) throw new InvalidOperationException("user code failed on loop 1");
                s.On<byte[]>("data", d => s.Write(d));
            }));
            int port = (await server.ListenAsync(0, "127.0.0.1").WaitAsync(Deadline)).Port;
            var a = await Net.ConnectAsync(port, "127.0.0.1").WaitAsync(Deadline);
            await LoopHelpers.Echo(a, "loop 0");
            var b = await Net.ConnectAsync(port, "127.0.0.1").WaitAsync(Deadline);
            Assert.Equal(0, await b.ReadAsync(new byte[1]).AsTask().WaitAsync(Deadline)); // its loop, and it, are gone
            await loop.WaitFor(() => server.Connections == 1);
            var more = new List<Socket>();
            for (int i = 0; i < 4; i++) more.Add(await Net.ConnectAsync(port, "127.0.0.1").WaitAsync(Deadline));
            foreach (var c in more) await LoopHelpers.Echo(c, "still served");
            Assert.Equal(0, (await loop.On(() => server.ConnectionsPerLoop))[1]);
            Assert.Contains(messages, m => m.Contains("Loop 1") && m.Contains("the server goes on with 2 loops"));
            foreach (var c in more.Append(a).Append(b)) await c.DisposeAsync();
            await server.CloseAsync().WaitAsync(Deadline);
        }
        finally { NodeNetLogging.LoggerFactory = null!; }
    }

    /// <summary>A raw client whose echo tells whether its server-side connection still lives.</summary>
    private static NetSocket Client(int port)
    {
        var c = new NetSocket(SocketType.Stream, ProtocolType.Tcp) { ReceiveTimeout = 10_000 };
        c.Connect(IPAddress.Loopback, port);
        return c;
    }

    private static bool Served(NetSocket c)
    {
        try
        {
            c.Send("ping"u8);
            var buffer = new byte[4];
            int got = 0, n;
            while (got < 4 && (n = c.Receive(buffer, got, 4 - got, SocketFlags.None)) > 0) got += n;
            return got == 4;
        }
        catch (SocketException) { return false; }
    }

    /// <summary>An echo server on 3 loops whose loop 1 throws, once, in the handler of its <paramref name="fatalAt"/>th
    /// connection, with no UncaughtException handler: that loop dies with whatever is in flight to it.</summary>
    private static async Task<(Server server, int port)> ServerWhoseLoop1Dies(EventLoop loop, int fatalAt, ServerOptions? options = null)
    {
        int seen = 0;
        var server = await loop.On(() => Net.CreateServer((options ?? new ServerOptions()) with { Loops = 3 }, s =>
        {
            s.On<Exception>("error", _ => { });
            if (s.ServerLoopIndex == 1 && Interlocked.Increment(ref seen) == fatalAt) throw new InvalidOperationException("user code failed on loop 1");
            s.On<byte[]>("data", d => s.Write(d));
        }));
        int port = (await server.ListenAsync(0, "127.0.0.1").WaitAsync(Deadline)).Port;
        return (server, port);
    }

    [Theory]
    [InlineData(LoopMode.Pass)]
    [InlineData(LoopMode.ReusePort)]
    public async Task Counts_stay_exact_when_a_loop_dies_under_load_and_close_waits_for_every_live_connection(LoopMode mode)
    {
        for (int round = 0; round < 3; round++)
        {
            await using var loop = EventLoop.StartHosted();
            var errors = new ConcurrentQueue<Exception>();
            var (server, port) = await ServerWhoseLoop1Dies(loop, fatalAt: 5, new ServerOptions { LoopMode = mode });
            await loop.On(() => server.On<Exception>("error", errors.Enqueue));
            int lowest = 0;
            using var sampling = new CancellationTokenSource();
            var sampler = Task.Run(async () =>
            {
                while (!sampling.IsCancellationRequested) { lowest = Math.Min(lowest, await loop.On(() => server.Connections)); await Task.Delay(1); }
            });
            // Connections arrive from several threads while loop 1 dies: some are in flight to it when it does.
            var clients = new ConcurrentBag<NetSocket>();
            await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
            {
                for (int i = 0; i < 15; i++)
                {
                    // With SO_REUSEPORT a connection still in the dying loop's accept queue is reset by the kernel when its
                    // listener closes: lost with that loop before anyone accepted it.
                    try { clients.Add(Client(port)); }
                    catch (SocketException e) when (mode == LoopMode.ReusePort && e.SocketErrorCode == SocketError.ConnectionReset) { }
                }
            })));
            var alive = clients.Where(Served).ToList();
            sampling.Cancel();
            await sampler;
            Assert.True(lowest >= 0, $"Connections went down to {lowest}");
            await loop.WaitFor(() => server.Connections == alive.Count, $"Connections == {alive.Count} live ones");
            var perLoop = await loop.On(() => server.ConnectionsPerLoop);
            Assert.Equal(alive.Count, perLoop.Sum());
            Assert.Equal(1, await loop.On(() => server.FailedLoops));
            var failed = Assert.IsType<LoopFailedException>(Assert.Single(errors));
            Assert.Equal(1, failed.LoopIndex);
            Assert.Equal("ERR_SERVER_LOOP_FAILED", failed.Code);
            Assert.IsType<InvalidOperationException>(failed.InnerException);
            Assert.True(alive.Count > 20, $"only {alive.Count} of {clients.Count} connections were served");

            // Half go away; the count follows. The server closes and waits for the rest, which it serves meanwhile.
            foreach (var c in alive.Take(alive.Count / 2)) c.Dispose();
            var rest = alive.Skip(alive.Count / 2).ToList();
            await loop.WaitFor(() => server.Connections == rest.Count, $"Connections == {rest.Count}");
            var closed = server.CloseAsync();
            Assert.All(rest, c => Assert.True(Served(c), "a live connection was ended by close"));
            Assert.False(closed.IsCompleted);
            var loops = await loop.On(() => server.ServingLoops!);
            foreach (var c in clients) c.Dispose();
            await closed.WaitAsync(Deadline);
            // Every loop the server started has ended: no thread, no descriptor left.
            foreach (var l in loops.Where(l => l != loop)) await l.Completion.ContinueWith(_ => { }).WaitAsync(Deadline);
        }
    }

    [Fact]
    public async Task With_LoopFailure_Replace_a_new_loop_takes_the_dead_ones_place()
    {
        await using var loop = EventLoop.StartHosted();
        var errors = new ConcurrentQueue<Exception>();
        var (server, port) = await ServerWhoseLoop1Dies(loop, fatalAt: 1, new ServerOptions { LoopFailure = LoopFailurePolicy.Replace });
        await loop.On(() => server.On<Exception>("error", errors.Enqueue));
        var before = await loop.On(() => server.ServingLoops!);
        var clients = new List<NetSocket>();
        for (int i = 0; i < 3; i++) clients.Add(Client(port)); // the second one kills loop 1
        await loop.WaitFor(() => server.FailedLoops == 1);
        var failed = Assert.IsType<LoopFailedException>(Assert.Single(errors));
        Assert.True(failed.Replaced);
        var after = await loop.On(() => server.ServingLoops!);
        Assert.Equal(3, after.Count);
        Assert.NotSame(before[1], after[1]);
        Assert.True(before[1].Completion.IsFaulted);
        Assert.False(Served(clients[1])); // it went with its loop
        // The replacement is served in turn like the others.
        for (int i = 0; i < 6; i++) clients.Add(Client(port));
        Assert.All(clients.Skip(3), c => Assert.True(Served(c)));
        Assert.Equal([3, 2, 3], await loop.On(() => server.ConnectionsPerLoop));
        foreach (var c in clients) c.Dispose();
        await server.CloseAsync().WaitAsync(Deadline);
        foreach (var l in after.Where(l => l != loop)) await l.Completion.ContinueWith(_ => { }).WaitAsync(Deadline);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task When_the_servers_own_loop_ends_the_other_loops_finish_their_connections_and_stop(bool throws)
    {
        var loop = EventLoop.StartHosted();
        var (server, port) = await LoopHelpers.EchoServer(loop, new ServerOptions { Loops = 3 });
        var clients = new List<NetSocket>();
        for (int i = 0; i < 6; i++) clients.Add(Client(port));
        Assert.All(clients, c => Assert.True(Served(c)));
        var loops = await loop.On(() => server.ServingLoops!);
        if (throws) loop.Post(() => throw new InvalidOperationException("the accepting loop's own code failed"));
        else await loop.DisposeAsync();
        await loop.Completion.ContinueWith(_ => { }).WaitAsync(Deadline);
        // Loop 0's connections went with it; the others' are served until their clients leave.
        Assert.False(Served(clients[0]));
        Assert.True(Served(clients[1]) && Served(clients[2]));
        Assert.All(loops.Skip(1), l => Assert.False(l.Completion.IsCompleted));
        Assert.ThrowsAny<SocketException>(() => Client(port)); // nobody accepts any more
        foreach (var c in clients) c.Dispose();
        foreach (var l in loops.Skip(1)) await l.Completion.WaitAsync(Deadline);
    }
}
