using System.Net;
using System.Net.Sockets;
using Xunit;
using NetSocket = System.Net.Sockets.Socket;

namespace NodeNet.Tests.NetParity;

/// <summary>BoundSocket and moving handles between loops: the .NET side of what the scenarios bound-socket,
/// bound-socket-pipe and socket-transfer compare with node 26.</summary>
public class BoundSocketTests
{
    private static readonly TimeSpan Deadline = LoopHelpers.Deadline;

    [Fact]
    public async Task A_bound_socket_moved_to_another_loop_is_listened_on_there()
    {
        await using var first = EventLoop.StartHosted();
        await using var second = EventLoop.StartHosted();
        var (bound, port) = await first.On(() => { var b = new BoundSocket(new BoundSocketOptions { Host = "127.0.0.1" }); return (b, b.Address().Port); });
        var moved = await (await first.On(() => bound.TransferAsync(second))).WaitAsync(Deadline);
        var adopted = await first.On(() => Record.Exception(() => bound.Address()));
        Assert.Equal("ERR_SOCKET_HANDLE_ADOPTED", ((INodeError)adopted!).Code);

        var server = await second.On(() =>
        {
            Assert.Equal(port, moved.Address().Port); // read again from the socket on the new loop
            var s = new Server(new ServerOptions(), c => c.End("from the second loop"));
            s.Listen(moved);
            return s;
        });
        using var client = new NetSocket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await client.ConnectAsync(IPAddress.Loopback, port).WaitAsync(Deadline);
        var buffer = new byte[64];
        int n = 0, got;
        while ((got = await client.ReceiveAsync(buffer.AsMemory(n)).AsTask().WaitAsync(Deadline)) > 0) n += got;
        Assert.Equal("from the second loop", System.Text.Encoding.UTF8.GetString(buffer, 0, n));
        await second.On(() => server.Close());
    }

    [Fact]
    public async Task A_bound_socket_is_adopted_only_on_its_own_loop_and_made_only_on_a_loop_thread()
    {
        await using var first = EventLoop.StartHosted();
        await using var second = EventLoop.StartHosted();
        var bound = await first.On(() => new BoundSocket(new BoundSocketOptions { Host = "127.0.0.1" }));
        var wrongLoop = await second.On(() => Record.Exception(() => new Server().Listen(bound)));
        Assert.Equal("ERR_INVALID_ARG_VALUE", ((INodeError)wrongLoop!).Code);
        Assert.Contains("TransferAsync", wrongLoop.Message);
        Assert.Throws<InvalidOperationException>(() => new BoundSocket()); // no loop on this thread
        bound.Dispose(); // any thread: posted to its loop
        await first.WaitFor(() => Record.Exception(() => bound.Fd()) is INodeError { Code: "ERR_SOCKET_HANDLE_ADOPTED" });
    }

    [Fact]
    public async Task A_connection_that_has_read_cannot_move_and_one_that_has_not_keeps_its_peer()
    {
        await using var first = EventLoop.StartHosted();
        await using var second = EventLoop.StartHosted();
        var accepted = new TaskCompletionSource<Socket>(TaskCreationOptions.RunContinuationsAsynchronously);
        var server = await first.On(() => new Server(new ServerOptions { PauseOnConnect = true }, s => accepted.SetResult(s)));
        int port = (await server.ListenAsync(0, "127.0.0.1").WaitAsync(Deadline)).Port;
        using var client = new NetSocket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await client.ConnectAsync(IPAddress.Loopback, port).WaitAsync(Deadline);
        var socket = await accepted.Task.WaitAsync(Deadline);

        var moving = await first.On(() => socket.TransferAsync(second));
        var moved = await moving.WaitAsync(Deadline);
        Assert.True(await first.On(() => socket.Destroyed));
        var echoed = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        await second.On(() => moved.On<byte[]>("data", d =>
        {
            moved.Write(d);
            echoed.TrySetResult(moved.BytesRead);
            // Now it has read: it stays on this loop.
            var e = Record.Exception(() => { moved.TransferAsync(first); });
            Assert.Equal("ERR_WORKER_HANDLE_NOT_TRANSFERABLE", ((INodeError)e!).Code);
        }));
        await client.SendAsync("ping"u8.ToArray()).WaitAsync(Deadline);
        Assert.Equal(4, await echoed.Task.WaitAsync(Deadline));
        var buffer = new byte[4];
        Assert.Equal(4, await client.ReceiveAsync(buffer).WaitAsync(Deadline));
        Assert.Equal("ping", System.Text.Encoding.UTF8.GetString(buffer));
        await second.On(() => moved.Destroy());
        await first.On(() => server.Close());
    }

    [Fact]
    public async Task A_bound_socket_on_an_abstract_name_is_served_and_connected_to()
    {
        Assert.True(OperatingSystem.IsLinux(), "abstract names are Linux's");
        string name = "\0nodenet-bound-" + Guid.NewGuid().ToString("N");
        await using var loop = EventLoop.StartHosted();
        var server = await loop.On(() =>
        {
            var bound = new BoundSocket(new BoundSocketOptions { Path = name });
            Assert.True(bound.IsPipe);
            Assert.Equal(name, bound.Address().Address);
            var s = new Server(new ServerOptions(), c => c.End("abstract"));
            s.Listen(bound);
            return s;
        });
        var client = await loop.On(() => Net.Connect(name));
        var text = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        await loop.On(() => client.On<byte[]>("data", d => text.TrySetResult(System.Text.Encoding.UTF8.GetString(d))));
        Assert.Equal("abstract", await text.Task.WaitAsync(Deadline));
        await loop.On(() => server.Close());
    }
}
