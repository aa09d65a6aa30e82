using System.Runtime.CompilerServices;
using Xunit;

namespace NodeNet.Tests.Reliability;

/// <summary>Closed connections are garbage: nothing in NodeNet keeps a socket once it has closed.</summary>
public class RetentionTests
{
    [Fact]
    public async Task A_server_started_with_ListenAsync_and_a_connection_listener_keeps_no_closed_socket()
    {
        await using var loop = EventLoop.StartHosted();
        var accepted = new List<WeakReference>();
        var allClosed = new TaskCompletionSource();
        const int Count = 20;
        var server = await loop.On(() => Net.CreateServer(s =>
        {
            accepted.Add(new WeakReference(s));
            s.On("close", () => { if (accepted.Count == Count) allClosed.TrySetResult(); });
            s.End();
        }));
        int port = (await server.ListenAsync(0, "127.0.0.1").WaitAsync(LoopHelpers.Deadline)).Port;
        for (int i = 0; i < Count; i++)
        {
            await using var c = await Net.ConnectAsync(port, "127.0.0.1").WaitAsync(LoopHelpers.Deadline);
            while (await c.ReadAsync(new byte[16]).AsTask().WaitAsync(LoopHelpers.Deadline) > 0) { }
        }
        await allClosed.Task.WaitAsync(LoopHelpers.Deadline);
        await loop.On(() => { }); // past the 'close' callbacks
        Assert.Equal(0, Alive(accepted));
        await server.DisposeAsync();
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int Alive(List<WeakReference> refs)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return refs.Count(r => r.IsAlive);
    }
}
