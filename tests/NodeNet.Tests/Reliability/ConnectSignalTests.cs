using Xunit;

namespace NodeNet.Tests.Reliability;

/// <summary>ConnectOptions.Signal on the Task-based connect: whenever it fires, the task ends (cancelled or faulted with
/// the AbortError) and the loop serves on; the abort's 'error' never becomes the loop's uncaught exception.</summary>
public class ConnectSignalTests
{
    private static readonly TimeSpan Deadline = LoopHelpers.Deadline;

    [Fact]
    public async Task A_signal_that_fires_before_the_loop_runs_the_connect_ends_the_task_and_not_the_loop()
    {
        await using var loop = EventLoop.StartHosted();
        var (server, port) = await LoopHelpers.EchoServer(loop);
        for (int i = 0; i < 5; i++)
        {
            using var cts = new CancellationTokenSource();
            // Hold the loop so that the call's posted work runs only after the signal fired: the order a busy loop gives.
            using var hold = new ManualResetEventSlim();
            loop.Post(() => hold.Wait());
            var connecting = loop.ConnectAsync(new ConnectOptions { Port = port, Host = "127.0.0.1", Signal = cts.Token });
            cts.Cancel();
            hold.Set();
            var e = await Record.ExceptionAsync(() => connecting.WaitAsync(Deadline));
            Assert.True(e is OperationCanceledException, $"expected the connect to be cancelled, got {e}");
            await loop.On(() => { }); // a turn after the abort's 'error' would have been emitted
            Assert.False(loop.Completion.IsCompleted, $"the loop ended: {loop.Completion.Exception?.InnerException}");
        }
        await using var c = await loop.ConnectAsync(port, "127.0.0.1").WaitAsync(Deadline);
        await server.DisposeAsync();
    }

    [Fact]
    public async Task A_socket_made_off_the_loop_whose_signal_fires_at_once_is_destroyed_without_ending_the_loop()
    {
        await using var loop = EventLoop.StartHosted();
        var (server, port) = await LoopHelpers.EchoServer(loop);
        using var cts = new CancellationTokenSource();
        using var hold = new ManualResetEventSlim();
        loop.Post(() => hold.Wait());
        var socket = loop.CreateSocket(new SocketOptions { Signal = cts.Token });
        cts.Cancel();
        hold.Set();
        await loop.On(() => { });
        Assert.False(loop.Completion.IsCompleted, $"the loop ended: {loop.Completion.Exception?.InnerException}");
        var closed = await socket.Completion.WaitAsync(Deadline);
        Assert.Equal("ABORT_ERR", Assert.IsAssignableFrom<INodeError>(closed.Error).Code);
        // As Node's _undestroy: a destroyed socket may connect again, and the spent signal does not abort it twice.
        await socket.ConnectAsync(port, "127.0.0.1").WaitAsync(Deadline);
        await socket.DisposeAsync();
        await server.DisposeAsync();
    }

    [Fact]
    public async Task Signals_that_fire_at_random_moments_of_the_connect_never_end_the_loop()
    {
        await using var loop = EventLoop.StartHosted();
        var (server, port) = await LoopHelpers.EchoServer(loop);
        var random = new Random(22);
        var pending = new List<Task<Socket>>();
        for (int i = 0; i < 200; i++)
        {
            var cts = new CancellationTokenSource();
            pending.Add(loop.ConnectAsync(new ConnectOptions { Port = port, Host = "127.0.0.1", Signal = cts.Token }));
            if (random.Next(3) == 0) cts.Cancel();
            else cts.CancelAfter(random.Next(0, 3));
        }
        foreach (var task in pending)
        {
            var e = await Record.ExceptionAsync(() => task.WaitAsync(Deadline));
            if (e == null) await loop.On(() => task.Result.Destroy()); // connected before the signal: destroyed by it, or by us
            else Assert.True(e is OperationCanceledException, $"expected cancellation, got {e}");
        }
        await loop.On(() => { });
        Assert.False(loop.Completion.IsCompleted, $"the loop ended: {loop.Completion.Exception?.InnerException}");
        await server.DisposeAsync();
    }
}
