using System.Runtime.CompilerServices;
using Xunit;

namespace NodeNet.Tests.Reliability;

/// <summary>What a loop's end, a destroy or a dispose leaves behind: no memory kept alive, no call that waits on a peer
/// without bound, and no Task that reports bytes written that never reached the kernel.</summary>
public class TeardownTests
{
    private static readonly TimeSpan Deadline = LoopHelpers.Deadline;

    [Fact]
    public async Task A_write_pending_when_its_loop_is_disposed_keeps_nothing_alive()
    {
        var loop = EventLoop.StartHosted();
        var server = await loop.On(() => Net.CreateServer(new ServerOptions { PauseOnConnect = true })); // never reads
        int port = (await server.ListenAsync(0, "127.0.0.1").WaitAsync(Deadline)).Port;
        var socket = await loop.ConnectAsync(port, "127.0.0.1").WaitAsync(Deadline);
        var (buffer, write) = StartLargeWrite(socket);
        Assert.True(await loop.On(() => socket.WritableLength) > 0, "the write should be pending: the peer never reads");
        await loop.DisposeAsync();
        await Assert.ThrowsAnyAsync<ObjectDisposedException>(() => write.WaitAsync(Deadline));
        Assert.False(IsAlive(buffer), "the pending write's 8 MiB stayed reachable after its loop ended");
    }

    [Fact]
    public async Task DisposeAsync_with_writes_queued_to_a_peer_that_never_reads_destroys_once_the_flush_stalls()
    {
        await using var loop = EventLoop.StartHosted();
        var server = await loop.On(() => Net.CreateServer(new ServerOptions { PauseOnConnect = true }));
        int port = (await server.ListenAsync(0, "127.0.0.1").WaitAsync(Deadline)).Port;
        var socket = await loop.ConnectAsync(port, "127.0.0.1").WaitAsync(Deadline);
        socket.DisposeFlushTimeout = TimeSpan.FromMilliseconds(200);
        var write = await HangTests.WriteUntilPending(loop, socket);
        var started = System.Diagnostics.Stopwatch.StartNew();
        await socket.DisposeAsync().AsTask().WaitAsync(Deadline);
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(10), $"DisposeAsync took {started.Elapsed}");
        var closed = await socket.Completion.WaitAsync(Deadline);
        Assert.Equal(SocketCloseReason.Destroyed, closed.Reason);
        Assert.IsAssignableFrom<INodeError>(await Record.ExceptionAsync(() => write.WaitAsync(Deadline))); // never reached the kernel
        await server.DisposeAsync();
    }

    [Fact]
    public async Task DisposeAsync_waits_for_a_peer_that_reads_slowly_and_delivers_everything()
    {
        await using var loop = EventLoop.StartHosted();
        var accepted = new TaskCompletionSource<Socket>(TaskCreationOptions.RunContinuationsAsynchronously);
        var server = await loop.On(() => Net.CreateServer(new ServerOptions { PauseOnConnect = true }, accepted.SetResult));
        int port = (await server.ListenAsync(0, "127.0.0.1").WaitAsync(Deadline)).Port;
        var socket = await loop.ConnectAsync(port, "127.0.0.1").WaitAsync(Deadline);
        socket.DisposeFlushTimeout = TimeSpan.FromSeconds(2);
        var peer = await accepted.Task.WaitAsync(Deadline);
        await HangTests.WriteUntilPending(loop, socket);
        long queued = await loop.On(() => socket.BytesWritten);
        var disposed = socket.DisposeAsync().AsTask();
        // The peer reads a little at a time, pausing between reads for much less than the flush timeout.
        long got = 0;
        var ended = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await loop.On(() =>
        {
            peer.On<byte[]>("data", d =>
            {
                got += d.Length;
                peer.Pause();
                loop.SetTimeout(() => peer.Resume(), 20);
            });
            peer.On("end", () => ended.TrySetResult());
            peer.Resume();
        });
        await ended.Task.WaitAsync(TimeSpan.FromSeconds(60));
        await disposed.WaitAsync(Deadline);
        Assert.Equal(queued, await loop.On(() => got));
        Assert.Equal(SocketCloseReason.LocalEnded, (await socket.Completion).Reason);
        await server.DisposeAsync();
    }

    [Fact]
    public async Task A_WriteAsync_that_Destroy_cut_short_faults_instead_of_reporting_the_bytes_written()
    {
        await using var loop = EventLoop.StartHosted();
        var server = await loop.On(() => Net.CreateServer(new ServerOptions { PauseOnConnect = true }));
        int port = (await server.ListenAsync(0, "127.0.0.1").WaitAsync(Deadline)).Port;
        var socket = await loop.ConnectAsync(port, "127.0.0.1").WaitAsync(Deadline);
        var inFlight = await HangTests.WriteUntilPending(loop, socket);
        var queued = socket.WriteAsync(new byte[100]);
        await loop.On(() => socket.Destroy());
        Assert.Equal("ECANCELED", (await NodeAssert.ThrowsAsync(() => inFlight.WaitAsync(Deadline))).Code);
        // The write queued behind it hears the same error, as in Node 22 and later (destroy-during-write compares with node).
        Assert.Equal("ECANCELED", (await NodeAssert.ThrowsAsync(() => queued.WaitAsync(Deadline))).Code);
        await server.DisposeAsync();
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static (WeakReference buffer, Task write) StartLargeWrite(Socket socket)
    {
        var data = new byte[8 << 20];
        return (new WeakReference(data), socket.WriteAsync(data));
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static bool IsAlive(WeakReference reference)
    {
        for (int i = 0; i < 3; i++) { GC.Collect(); GC.WaitForPendingFinalizers(); }
        return reference.IsAlive;
    }
}
