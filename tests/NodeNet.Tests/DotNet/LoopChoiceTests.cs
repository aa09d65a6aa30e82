using Xunit;

namespace NodeNet.Tests.DotNet;

/// <summary>Servers and sockets on a loop the caller chooses, created from any thread.</summary>
public class LoopChoiceTests
{
    private static readonly TimeSpan Deadline = LoopHelpers.Deadline;

    [Fact]
    public async Task A_server_created_off_its_loop_serves_on_that_loop()
    {
        await using var mine = EventLoop.StartHosted("mine");
        int? connectionThread = null, loopThread = await mine.On(() => Environment.CurrentManagedThreadId);
        var server = mine.CreateServer(s => { connectionThread = Environment.CurrentManagedThreadId; s.End(); });
        Assert.Same(mine, server.Loop);
        Assert.NotSame(EventLoop.Default, server.Loop);
        int port = (await server.ListenAsync(0, "127.0.0.1").WaitAsync(Deadline)).Port;

        await using var other = EventLoop.StartHosted("other");
        var client = await other.ConnectAsync(port, "127.0.0.1").WaitAsync(Deadline);
        Assert.Same(other, client.Loop);
        await client.Completion.WaitAsync(Deadline);
        Assert.Equal(loopThread, connectionThread);
        await server.DisposeAsync();
    }

    [Fact]
    public async Task CreateSocket_and_Connect_on_a_chosen_loop()
    {
        await using var loop = EventLoop.StartHosted();
        var (server, port) = await LoopHelpers.EchoServer(loop);
        var socket = loop.CreateSocket(new SocketOptions { AllowHalfOpen = true });
        Assert.Same(loop, socket.Loop);
        Assert.True(socket.AllowHalfOpen);
        await socket.ConnectAsync(port, "127.0.0.1").WaitAsync(Deadline);
        var connected = await loop.On(() =>
        {
            var c = loop.Connect(new ConnectOptions { Port = port, Host = "127.0.0.1" });
            return c.OnceAsync(SocketEvents.Connect);
        });
        await connected.WaitAsync(Deadline);
        Assert.ThrowsAny<InvalidOperationException>(() => loop.Connect(new ConnectOptions { Port = port })); // Node style: on its loop
        await server.DisposeAsync();
    }
}
