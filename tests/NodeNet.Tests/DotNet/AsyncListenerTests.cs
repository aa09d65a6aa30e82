using Xunit;

namespace NodeNet.Tests.DotNet;

/// <summary>Async listeners (Func&lt;..., Task&gt;): watched, never async void.</summary>
public class AsyncListenerTests
{
    [Fact]
    public async Task Without_captureRejections_a_faulted_listener_is_the_loops_uncaught_exception()
    {
        await using var loop = EventLoop.StartHosted();
        var uncaught = new TaskCompletionSource<Exception>(TaskCreationOptions.RunContinuationsAsynchronously);
        loop.UncaughtException += e => uncaught.TrySetResult(e);
        var (server, port) = await LoopHelpers.EchoServer(loop);
        var client = await loop.ConnectAsync(port, "127.0.0.1").WaitAsync(LoopHelpers.Deadline);
        await loop.InvokeAsync(() => client.On<byte[]>(SocketEvents.Data, async _ => { await Task.Yield(); throw new InvalidDataException("async listener"); }));
        await client.WriteAsync(new byte[1]).WaitAsync(LoopHelpers.Deadline);
        Assert.Equal("async listener", (await uncaught.Task.WaitAsync(LoopHelpers.Deadline)).Message);
        Assert.False(await loop.InvokeAsync(() => client.Destroyed)); // not captured: the socket is left alone
        await server.DisposeAsync();
    }

    [Fact]
    public void A_plain_emitter_that_captures_turns_the_fault_into_error()
    {
        Exception? seen = null;
        TestLoop.Run(() =>
        {
            var e = new EventEmitter(captureRejections: true);
            e.On<Exception>("error", x => seen = x);
            e.On("go", async () => { await Task.Yield(); throw new TimeoutException("late"); });
            e.Emit("go");
        });
        Assert.IsType<TimeoutException>(seen);
    }

    [Fact]
    public void A_listener_whose_task_succeeds_changes_nothing_and_its_type_is_checked_when_added()
    {
        TestLoop.Run(() =>
        {
            var server = Net.CreateServer();
            Assert.ThrowsAny<ArgumentException>(() => server.On<string>(ServerEvents.Connection, _ => Task.CompletedTask));
            int calls = 0;
            var e = new EventEmitter();
            e.On<int>("n", n => { calls += n; return Task.CompletedTask; });
            e.Emit("n", 2);
            Assert.Equal(2, calls);
        });
    }
}
