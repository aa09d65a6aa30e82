using System.Text;
using Xunit;

namespace NodeNet.Tests.Reliability;

/// <summary>Misuse and reconnects fault one call or one socket, never the loop that serves everyone else.</summary>
public class LoopSurvivalTests
{
    [Fact]
    public async Task ReadAsync_after_SetEncoding_faults_that_call_and_the_loop_serves_on()
    {
        await using var loop = EventLoop.StartHosted();
        var (server, port) = await LoopHelpers.EchoServer(loop);
        var socket = await loop.On(() => new Socket());
        await socket.ConnectAsync(port, "127.0.0.1").WaitAsync(LoopHelpers.Deadline);
        var arrived = new TaskCompletionSource();
        await loop.On(() =>
        {
            socket.SetEncoding("utf8");
            socket.Pause();
            socket.Write("buffered while paused");
            socket.Once("pause", () => { });
        });
        // Let the echo arrive and be buffered as a string.
        await loop.On(() => loop.SetTimeout(() => arrived.SetResult(), 50));
        await arrived.Task.WaitAsync(LoopHelpers.Deadline);

        var e = await Assert.ThrowsAnyAsync<InvalidOperationException>(() => socket.ReadAsync(new byte[16]).AsTask().WaitAsync(LoopHelpers.Deadline));
        Assert.Contains("SetEncoding", e.Message);
        Assert.False(loop.Completion.IsCompleted);

        // The socket still works in push mode, and the loop serves new connections.
        var text = new TaskCompletionSource<string>();
        await loop.On(() => { socket.On<string>("data", d => text.TrySetResult(d)); socket.Resume(); });
        Assert.Equal("buffered while paused", await text.Task.WaitAsync(LoopHelpers.Deadline));
        var other = await loop.On(() => new Socket());
        await other.ConnectAsync(port, "127.0.0.1").WaitAsync(LoopHelpers.Deadline);
        await loop.On(() => { socket.Destroy(); other.Destroy(); });
        await server.DisposeAsync().AsTask().WaitAsync(LoopHelpers.Deadline);
    }

    [Fact]
    public async Task A_destroyed_socket_in_pull_mode_reconnects_and_echoes_through_AsStream()
    {
        await using var loop = EventLoop.StartHosted();
        var (server, port) = await LoopHelpers.EchoServer(loop);
        var socket = await loop.On(() => new Socket());
        await socket.ConnectAsync(port, "127.0.0.1").WaitAsync(LoopHelpers.Deadline);
        await loop.On(() => socket.Destroy());
        Assert.Equal(0, await socket.ReadAsync(new byte[8]).AsTask().WaitAsync(LoopHelpers.Deadline));

        await socket.ConnectAsync(port, "127.0.0.1").WaitAsync(LoopHelpers.Deadline);
        var stream = socket.AsStream();
        await stream.WriteAsync("after reconnect"u8.ToArray()).AsTask().WaitAsync(LoopHelpers.Deadline);
        var buffer = new byte[64];
        int got = 0;
        while (got < "after reconnect".Length)
            got += await stream.ReadAsync(buffer.AsMemory(got)).AsTask().WaitAsync(LoopHelpers.Deadline);
        Assert.Equal("after reconnect", Encoding.ASCII.GetString(buffer, 0, got));
        Assert.False(loop.Completion.IsCompleted);
        await stream.DisposeAsync();
        await server.DisposeAsync().AsTask().WaitAsync(LoopHelpers.Deadline);
    }

    [Fact]
    public async Task A_throwing_pipe_allocation_destroys_that_socket_only()
    {
        // The reader completes its side of the pipe: libuv may still deliver bytes, which must neither reach the
        // completed pipe nor end the loop.
        await using var loop = EventLoop.StartHosted();
        var (server, port) = await LoopHelpers.EchoServer(loop);
        var socket = await loop.On(() => new Socket());
        await socket.ConnectAsync(port, "127.0.0.1").WaitAsync(LoopHelpers.Deadline);
        var pipe = socket.AsPipe();
        await pipe.Output.WriteAsync(new byte[100_000]).AsTask().WaitAsync(LoopHelpers.Deadline);
        await pipe.Input.CompleteAsync();
        var other = await loop.On(() => new Socket());
        await other.ConnectAsync(port, "127.0.0.1").WaitAsync(LoopHelpers.Deadline);
        await other.WriteAsync("still here"u8.ToArray()).WaitAsync(LoopHelpers.Deadline);
        var buffer = new byte[10];
        int n = 0;
        while (n < 10) n += await other.ReadAsync(buffer.AsMemory(n)).AsTask().WaitAsync(LoopHelpers.Deadline);
        Assert.Equal("still here", Encoding.ASCII.GetString(buffer));
        Assert.False(loop.Completion.IsCompleted);
        await loop.On(() => { socket.Destroy(); other.Destroy(); });
        await server.DisposeAsync().AsTask().WaitAsync(LoopHelpers.Deadline);
    }
}
