using Xunit;

namespace NodeNet.Tests.Ipc;

/// <summary>Counts this process's sockets, so it runs alone (no other test opens or closes any meanwhile).</summary>
[Collection("metrics")]
public class HandleLeakTests
{
    private static readonly TimeSpan Deadline = LoopHelpers.Deadline;

    /// <summary>Open sockets: what a leaked handle would be. (Other descriptors come and go with loops and threads that
    /// earlier tests are still tearing down.)</summary>
    private static int OpenDescriptors() => Directory.GetFiles("/proc/self/fd").Count(fd =>
    {
        try { return new FileInfo(fd).LinkTarget?.StartsWith("socket:", StringComparison.Ordinal) == true; }
        catch (IOException) { return false; } // closed while we looked
    });

    [Fact]
    public async Task A_handle_sent_to_a_process_that_exits_before_reading_leaks_nowhere()
    {
        await using var loop = EventLoop.StartHosted();
        var peer = new TaskCompletionSource<Socket>();
        var (ipc, path) = await HandlePassingTests.IpcServer(loop, peer.SetResult);
        var accepted = new TaskCompletionSource<Socket>();
        var tcp = await loop.On(() => Net.CreateServer(new ServerOptions { PauseOnConnect = true }, accepted.SetResult));
        int port = (await tcp.ListenAsync(0, "127.0.0.1").WaitAsync(Deadline)).Port;
        var client = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
        await client.ConnectAsync("127.0.0.1", port);
        var connection = await accepted.Task.WaitAsync(Deadline);
        int before = OpenDescriptors(); // the client's and the accepted connection's descriptors among them
        using (var child = HandlePassingTests.StartHost("ipc-exit", path))
        {
            var channel = await peer.Task.WaitAsync(Deadline);
            await child.WaitForExitAsync().WaitAsync(Deadline);
            try { await channel.SendHandleAsync(connection).WaitAsync(Deadline); }
            catch (Exception e) when (e is INodeError n) { Assert.Contains(n.Code, new[] { "EPIPE", "ECONNRESET", "EBADF", "ERR_STREAM_DESTROYED" }); }
            await loop.On(() => { connection.Destroy(); channel.Destroy(); });
        }
        // The kernel discards what the dead peer never read: the connection's last descriptor is gone, so its peer sees
        // the end, and this process holds no more descriptors than before it began.
        var buffer = new byte[1];
        client.ReceiveTimeout = 10_000;
        Assert.Equal(0, client.Receive(buffer));
        client.Dispose();
        await loop.On(() => { }); // let the closes finish
        Assert.Equal(before - 2, OpenDescriptors());
        await loop.On(() => { tcp.Close(); ipc.Close(); });
    }

}
