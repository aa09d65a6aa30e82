using System.Net.Sockets;
using Xunit;

namespace NodeNet.Tests.Async;

/// <summary>Errors as .NET code catches them: by their .NET type, with Node's fields through INodeError.</summary>
public class ExceptionTypesTests
{
    private static readonly TimeSpan Deadline = LoopHelpers.Deadline;

    [Fact]
    public async Task A_reset_surfaces_in_stream_code_as_an_IOException_with_a_SocketError()
    {
        await using var loop = EventLoop.StartHosted();
        var server = await loop.On(() => Net.CreateServer(s => s.On<byte[]>("data", _ => s.ResetAndDestroy())));
        int port = (await server.ListenAsync(0, "127.0.0.1").WaitAsync(Deadline)).Port;
        var socket = await Net.ConnectAsync(port, "127.0.0.1").WaitAsync(Deadline);
        await using var stream = socket.AsStream();
        await stream.WriteAsync("reset me"u8.ToArray());
        IOException? caught = null;
        try
        {
            var buffer = new byte[16];
            while (await stream.ReadAsync(buffer).AsTask().WaitAsync(Deadline) > 0) { }
        }
        catch (IOException e) { caught = e; } // what stream code writes: no NodeNet type in sight
        Assert.NotNull(caught);
        var node = Assert.IsAssignableFrom<INodeError>(caught);
        Assert.Equal("ECONNRESET", node.Code);
        Assert.Equal("read", node.Syscall);
        Assert.Equal("read ECONNRESET", caught.Message);
        Assert.Equal(SocketError.ConnectionReset, ((NodeNetException)caught).SocketErrorCode);
        Assert.Equal(SocketError.ConnectionReset, Assert.IsType<SocketException>(caught.InnerException).SocketErrorCode);
        // What a log or crash output shows: .NET's text, with the type, Node's message, the inner SocketException and the
        // stack; Node's own text is one call away.
        string text = caught.ToString();
        Assert.StartsWith("NodeNet.NodeNetException: read ECONNRESET", text);
        Assert.Contains(" ---> System.Net.Sockets.SocketException", text);
        Assert.Contains("   at ", text);
        Assert.Equal("Error: read ECONNRESET", node.ToNodeString());
        await server.CloseAsync().WaitAsync(Deadline);
    }

    [Fact]
    public void Argument_errors_are_ArgumentExceptions_with_Nodes_message()
    {
        TestLoop.Run(() =>
        {
            var badPort = Assert.Throws<NodeNetArgumentOutOfRangeException>(() => Net.CreateServer().Listen(70000));
            Assert.IsAssignableFrom<ArgumentOutOfRangeException>(badPort);
            Assert.Equal("ERR_SOCKET_BAD_PORT", badPort.Code);
            Assert.Equal("options.port should be >= 0 and < 65536. Received type number (70000).", badPort.Message);
            Assert.Equal("options.port", badPort.ParamName);
            Assert.Equal("RangeError", badPort.Name);

            var badType = Assert.ThrowsAny<ArgumentException>(() => Net.Connect((string)null!));
            Assert.Equal("ERR_INVALID_ARG_TYPE", ((INodeError)badType).Code);
            // ToString is .NET's (type and message, then the stack); Node's String(err) is ToNodeString.
            Assert.Equal("NodeNet.NodeNetArgumentException: " + badType.Message, badType.ToString().Split(Environment.NewLine)[0]);
            Assert.Contains(nameof(Net.Connect), badType.ToString());
            Assert.Equal("TypeError [ERR_INVALID_ARG_TYPE]: " + badType.Message, ((INodeError)badType).ToNodeString());
        });
    }

    [Fact]
    public async Task State_errors_are_InvalidOperation_or_ObjectDisposed()
    {
        await using var loop = EventLoop.StartHosted();
        var idle = await loop.On(() => Net.CreateServer());
        var notRunning = await Assert.ThrowsAnyAsync<InvalidOperationException>(() => idle.CloseAsync().WaitAsync(Deadline));
        Assert.Equal("ERR_SERVER_NOT_RUNNING", ((INodeError)notRunning).Code);

        var (echo, port) = await LoopHelpers.EchoServer(loop);
        var socket = await Net.ConnectAsync(port, "127.0.0.1").WaitAsync(Deadline);
        await socket.Loop.On(() => socket.Destroy());
        var destroyed = await Assert.ThrowsAnyAsync<ObjectDisposedException>(() => socket.WriteAsync(new byte[1]).WaitAsync(Deadline));
        Assert.Equal("ERR_STREAM_DESTROYED", ((INodeError)destroyed).Code);
        Assert.Equal("Cannot call write after a stream was destroyed", destroyed.Message);
        await echo.CloseAsync().WaitAsync(Deadline);
    }

    [Fact]
    public async Task An_abort_is_an_OperationCanceledException()
    {
        await using var loop = EventLoop.StartHosted();
        var (echo, port) = await LoopHelpers.EchoServer(loop);
        using var cts = new CancellationTokenSource();
        var socket = await Net.ConnectAsync(new ConnectOptions { Port = port, Host = "127.0.0.1", Signal = cts.Token }).WaitAsync(Deadline);
        var reading = socket.ReadAsync(new byte[1]).AsTask();
        cts.Cancel();
        var aborted = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => reading.WaitAsync(Deadline));
        Assert.Equal("ABORT_ERR", ((INodeError)aborted).Code);
        Assert.Equal(cts.Token, aborted.CancellationToken);
        await echo.CloseAsync().WaitAsync(Deadline);
    }
}
