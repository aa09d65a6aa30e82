using Xunit;

namespace NodeNet.Tests.DotNet;

/// <summary>Closing that ends: close-all, a deadline on CloseAsync, Abort and Dispose from any thread.</summary>
public class ClosingTests
{
    private static readonly TimeSpan Deadline = LoopHelpers.Deadline;

    /// <summary>A server (on <paramref name="loops"/> loops) whose clients never end by themselves.</summary>
    private static async Task<(EventLoop loop, Server server, List<Socket> clients)> Held(int connections, int loops = 1)
    {
        var loop = EventLoop.StartHosted();
        var server = loop.CreateServer(new ServerOptions { Loops = loops });
        int port = (await server.ListenAsync(0, "127.0.0.1").WaitAsync(Deadline)).Port;
        var clients = new List<Socket>();
        for (int i = 0; i < connections; i++) clients.Add(await Net.ConnectAsync(port, "127.0.0.1").WaitAsync(Deadline));
        // Every connection has reached its loop before the test acts on them.
        while (await loop.On(() => server.Connections) < connections) await Task.Yield();
        return (loop, server, clients);
    }

    [Fact]
    public async Task CloseAllConnections_destroys_every_connection_on_every_loop_and_listening_goes_on()
    {
        var (loop, server, clients) = await Held(6, loops: 2);
        await using var _ = loop;
        Assert.All(await loop.On(() => server.ConnectionsPerLoop), n => Assert.True(n > 0));
        await loop.On(() => server.CloseAllConnections());
        foreach (var c in clients)
        {
            var info = await c.Completion.WaitAsync(Deadline);
            Assert.Contains(info.Reason, new[] { SocketCloseReason.PeerEnded, SocketCloseReason.PeerReset });
        }
        Assert.True(await loop.On(() => server.Listening));
        await server.CloseAsync().WaitAsync(Deadline); // nothing left to wait for
    }

    [Fact]
    public async Task EndAllConnections_sends_FIN_and_each_connection_closes_when_its_peer_ends()
    {
        var (loop, server, clients) = await Held(3);
        await using var _ = loop;
        var ended = clients.Select(c => c.OnceAsync(SocketEvents.End)).ToList();
        await loop.On(() => server.EndAllConnections());
        await Task.WhenAll(ended).WaitAsync(Deadline);
        foreach (var c in clients) Assert.Equal(SocketCloseReason.PeerEnded, (await c.Completion.WaitAsync(Deadline)).Reason);
        await server.CloseAsync().WaitAsync(Deadline);
    }

    [Fact]
    public async Task CloseAsync_with_a_deadline_destroys_what_is_left_and_completes()
    {
        var (loop, server, clients) = await Held(2, loops: 2);
        await using var _ = loop;
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        await server.CloseAsync(cts.Token).WaitAsync(Deadline);
        Assert.True(cts.IsCancellationRequested); // it ended because of the deadline: the clients never closed
        foreach (var c in clients) await c.Completion.WaitAsync(Deadline);
        Assert.Equal(0, await loop.On(() => server.Connections));
    }

    [Fact]
    public async Task CloseAsync_without_a_deadline_waits_for_connections_to_end()
    {
        var (loop, server, clients) = await Held(1);
        await using var _ = loop;
        var closing = server.CloseAsync();
        // Posted after the close: once it has run, so have the close and the ticks it queued (a premature 'close' among them).
        Assert.False(await loop.On(() => server.Listening));
        Assert.False(closing.IsCompleted);
        await clients[0].DisposeAsync();
        await closing.WaitAsync(Deadline);
    }

    [Fact]
    public async Task Abort_and_Dispose_work_from_any_thread()
    {
        var (loop, server, clients) = await Held(2);
        await using var _ = loop;
        await Task.Run(() => clients[0].Abort());
        Assert.Equal(SocketCloseReason.Destroyed, (await clients[0].Completion.WaitAsync(Deadline)).Reason);
        using (clients[1]) { } // synchronous dispose: the graceful end of DisposeAsync (FIN first), not waited for
        Assert.Equal(SocketCloseReason.LocalEnded, (await clients[1].Completion.WaitAsync(Deadline)).Reason);
        clients[1].Abort(); // again: nothing happens
        await server.CloseAsync().WaitAsync(Deadline);
    }

    [Fact]
    public async Task Server_DisposeAsync_never_waits_on_a_peer()
    {
        var (loop, server, clients) = await Held(2, loops: 2);
        await using var _ = loop;
        await server.DisposeAsync().AsTask().WaitAsync(Deadline);
        foreach (var c in clients) await c.Completion.WaitAsync(Deadline);
        Assert.False(await loop.On(() => server.Listening));
    }

    [Fact]
    public async Task Server_Dispose_from_another_thread_stops_listening_and_destroys_connections()
    {
        var (loop, server, clients) = await Held(1);
        await using var _ = loop;
        int port = (await loop.On(() => server.Address()))!.Port;
        var closed = server.Completion;
        await Task.Run(server.Dispose);
        await closed.WaitAsync(Deadline);
        Assert.False(await loop.On(() => server.Listening));
        await NodeAssert.ThrowsAsync(() => Net.ConnectAsync(port, "127.0.0.1").WaitAsync(Deadline)); // nobody accepts there
        await clients[0].Completion.WaitAsync(Deadline); // its connection was destroyed
    }
}
