using System.Buffers;
using System.Text;
using Xunit;
using NetSocket = System.Net.Sockets.Socket;

namespace NodeNet.Tests.Async;

/// <summary>AsPipe's output side is made when the application first asks for it; every way it can be asked for late
/// (never, from another thread, after the socket or the loop ended) must still write, end or fail, never hang.</summary>
public class PipeOutputTests
{
    /// <summary>A hosted loop with a server on it, a System.Net client connected to it, and the server's side of that connection.</summary>
    private static async Task<(EventLoop loop, Server server, NetSocket client, Socket socket)> Accepted()
    {
        var loop = EventLoop.StartHosted();
        var accepted = new TaskCompletionSource<Socket>(TaskCreationOptions.RunContinuationsAsynchronously);
        var server = await loop.On(() => Net.CreateServer(s => accepted.TrySetResult(s)));
        int port = (await server.ListenAsync(0, "127.0.0.1").WaitAsync(LoopHelpers.Deadline)).Port;
        var client = new NetSocket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
        await client.ConnectAsync(System.Net.IPAddress.Loopback, port).WaitAsync(LoopHelpers.Deadline);
        return (loop, server, client, await accepted.Task.WaitAsync(LoopHelpers.Deadline));
    }

    private static async Task<string> ReadToEnd(NetSocket client)
    {
        var received = new MemoryStream();
        var buffer = new byte[4096];
        int n;
        while ((n = await client.ReceiveAsync(buffer).WaitAsync(LoopHelpers.Deadline)) > 0) received.Write(buffer, 0, n);
        return Encoding.ASCII.GetString(received.ToArray());
    }

    [Fact]
    public async Task A_pipe_view_that_never_wrote_sends_FIN_when_disposed()
    {
        var (loop, server, client, socket) = await Accepted();
        await using var _ = loop;
        using var __ = client;
        var pipe = await loop.On(() => socket.AsPipe());
        await client.SendAsync("hi"u8.ToArray()).WaitAsync(LoopHelpers.Deadline);
        var read = await pipe.Input.ReadAsync().AsTask().WaitAsync(LoopHelpers.Deadline);
        Assert.Equal("hi", Encoding.ASCII.GetString(read.Buffer.ToArray()));
        pipe.Input.AdvanceTo(read.Buffer.End);

        await socket.DisposeAsync().AsTask().WaitAsync(LoopHelpers.Deadline);

        Assert.Equal("", await ReadToEnd(client)); // EOF, not a hang and not a reset
        await server.DisposeAsync().AsTask().WaitAsync(LoopHelpers.Deadline);
    }

    [Fact]
    public async Task Output_asked_for_on_another_thread_is_written_and_completing_it_sends_FIN()
    {
        var (loop, server, client, socket) = await Accepted();
        await using var _ = loop;
        using var __ = client;
        var pipe = await loop.On(() => socket.AsPipe());

        await Task.Run(async () =>
        {
            await pipe.Output.WriteAsync("from the pool"u8.ToArray());
            await pipe.Output.CompleteAsync();
        }).WaitAsync(LoopHelpers.Deadline);

        Assert.Equal("from the pool", await ReadToEnd(client));
        await server.DisposeAsync().AsTask().WaitAsync(LoopHelpers.Deadline);
    }

    [Fact]
    public async Task Output_asked_for_after_the_socket_was_destroyed_is_completed()
    {
        var (loop, server, client, socket) = await Accepted();
        await using var _ = loop;
        using var __ = client;
        var pipe = await loop.On(() => socket.AsPipe());
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await loop.On(() => { socket.On("close", () => closed.TrySetResult()); socket.Destroy(); });
        await closed.Task.WaitAsync(LoopHelpers.Deadline);

        var flushed = await pipe.Output.WriteAsync(new byte[10]).AsTask().WaitAsync(LoopHelpers.Deadline);

        Assert.True(flushed.IsCompleted); // the reader side is over: the application learns it at once
        await server.DisposeAsync().AsTask().WaitAsync(LoopHelpers.Deadline);
    }

    [Fact]
    public async Task Output_asked_for_after_the_loop_ended_throws_instead_of_hanging()
    {
        var (loop, _, client, socket) = await Accepted();
        using var __ = client;
        var pipe = await loop.On(() => socket.AsPipe());
        await loop.DisposeAsync(); // closes the server too

        // The loop's end completes the output with ObjectDisposedException, which the write throws.
        await Assert.ThrowsAnyAsync<ObjectDisposedException>(async () => await pipe.Output.WriteAsync(new byte[10]).AsTask().WaitAsync(LoopHelpers.Deadline));
    }

    [Fact]
    public async Task ReadAsync_alone_never_needs_the_output_side()
    {
        // Pull-mode reads share the pipe's input; a socket read this way and written with WriteAsync echoes as before.
        var (loop, server, client, socket) = await Accepted();
        await using var _ = loop;
        using var __ = client;
        await client.SendAsync("ping"u8.ToArray()).WaitAsync(LoopHelpers.Deadline);
        var buffer = new byte[4];
        int n = 0;
        while (n < 4) n += await socket.ReadAsync(buffer.AsMemory(n)).AsTask().WaitAsync(LoopHelpers.Deadline);
        await socket.WriteAsync(buffer).WaitAsync(LoopHelpers.Deadline);
        await socket.DisposeAsync().AsTask().WaitAsync(LoopHelpers.Deadline);

        Assert.Equal("ping", await ReadToEnd(client));
        await server.DisposeAsync().AsTask().WaitAsync(LoopHelpers.Deadline);
    }
}
