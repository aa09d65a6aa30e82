using System.Diagnostics;
using System.Text;
using Xunit;

namespace NodeNet.Tests.Ipc;

/// <summary>Servers and connections handed between processes over IPC sockets (uv_write2, uv_pipe_pending_*).</summary>
public class HandlePassingTests
{
    private static readonly TimeSpan Deadline = LoopHelpers.Deadline;

    /// <summary>An IPC server on a fresh path; each accepted IPC socket goes to <paramref name="onPeer"/> on the loop.</summary>
    internal static async Task<(Server ipc, string path)> IpcServer(EventLoop loop, Action<Socket> onPeer)
    {
        string path = Path.Combine(TestLoop.TempDir(), "ipc.sock");
        var server = await loop.On(() => Net.CreateServer(new ServerOptions { Ipc = true }, s => { s.On<Exception>("error", _ => { }); onPeer(s); }));
        await server.ListenAsync(path).WaitAsync(Deadline);
        return (server, path);
    }

    [Fact]
    public async Task A_listening_server_handed_over_accepts_in_its_new_owner()
    {
        await using var loop = EventLoop.StartHosted();
        var received = new TaskCompletionSource<(Server server, string message)>();
        var (ipc, path) = await IpcServer(loop, peer => peer.On<ReceivedHandle>("handle", h =>
        {
            Assert.Equal(HandleKind.Server, h.Kind);
            var taker = Net.CreateServer(s => s.End("from the new owner"));
            taker.Listen(h, () => received.TrySetResult((taker, Encoding.UTF8.GetString(h.Message))));
        }));
        var original = await loop.On(() => Net.CreateServer(s => s.End("from the old owner")));
        int port = (await original.ListenAsync(0, "127.0.0.1").WaitAsync(Deadline)).Port;
        var sender = await loop.On(() => new Socket(new SocketOptions { Ipc = true }));
        await sender.ConnectAsync(path).WaitAsync(Deadline);
        Assert.True(await loop.On(() => sender.IsIpc));
        await sender.SendHandleAsync(original, "port handed over"u8.ToArray()).WaitAsync(Deadline);
        var (taker, message) = await received.Task.WaitAsync(Deadline);
        Assert.Equal("port handed over", message);
        Assert.Equal(port, (await loop.On(() => taker.Address()))!.Port);
        await original.CloseAsync().WaitAsync(Deadline); // the old owner stops accepting; the socket lives on in the new one
        await using var c = await Net.ConnectAsync(port, "127.0.0.1").WaitAsync(Deadline);
        Assert.Equal("from the new owner", await ReadAll(c));
        await loop.On(() => { sender.Destroy(); taker.Close(); ipc.Close(); });
    }

    private static async Task<string> ReadAll(Socket c)
    {
        var text = new StringBuilder();
        var buffer = new byte[256];
        int n;
        while ((n = await c.ReadAsync(buffer).AsTask().WaitAsync(Deadline)) > 0) text.Append(Encoding.UTF8.GetString(buffer, 0, n));
        return text.ToString();
    }

    [Fact]
    public async Task A_connection_handed_over_arrives_paused_with_nothing_read_and_is_gone_from_the_sender()
    {
        await using var loop = EventLoop.StartHosted();
        var adopted = new TaskCompletionSource<(long before, string data)>();
        var (ipc, path) = await IpcServer(loop, peer => peer.On<ReceivedHandle>("handle", h =>
        {
            var s = Socket.Adopt(h);
            long before = s.BytesRead;
            Assert.True(s.IsPaused());
            s.SetEncoding("utf8");
            s.On<string>("data", d => { adopted.TrySetResult((before, d)); s.End("adopted"); });
            s.Resume();
        }));
        var accepted = new TaskCompletionSource<Socket>();
        var tcp = await loop.On(() => Net.CreateServer(new ServerOptions { PauseOnConnect = true }, accepted.SetResult));
        int port = (await tcp.ListenAsync(0, "127.0.0.1").WaitAsync(Deadline)).Port;
        await using var client = await Net.ConnectAsync(port, "127.0.0.1").WaitAsync(Deadline);
        await client.WriteAsync("written before the handover"u8.ToArray()).WaitAsync(Deadline);
        var connection = await accepted.Task.WaitAsync(Deadline);
        var sender = await loop.On(() => new Socket(new SocketOptions { Ipc = true }));
        await sender.ConnectAsync(path).WaitAsync(Deadline);
        await sender.SendHandleAsync(connection).WaitAsync(Deadline);
        Assert.True(await loop.On(() => connection.Destroyed)); // keepOpen: false, as Node
        var (before, data) = await adopted.Task.WaitAsync(Deadline);
        Assert.Equal(0, before);
        Assert.Equal("written before the handover", data);
        Assert.Equal("adopted", await ReadAll(client));
        await loop.On(() => { sender.Destroy(); tcp.Close(); ipc.Close(); });
    }

    [Fact]
    public async Task Another_process_takes_the_listening_socket_and_serves_it()
    {
        await using var loop = EventLoop.StartHosted();
        var peer = new TaskCompletionSource<Socket>();
        var (ipc, path) = await IpcServer(loop, peer.SetResult);
        var original = await loop.On(() => Net.CreateServer(s => s.Destroy()));
        int port = (await original.ListenAsync(0, "127.0.0.1").WaitAsync(Deadline)).Port;
        using var child = StartHost("ipc-receive", path);
        try
        {
            var channel = await peer.Task.WaitAsync(Deadline);
            await channel.SendHandleAsync(original, "from the parent"u8.ToArray()).WaitAsync(Deadline);
            Assert.Equal($"listening {port} from the parent", await child.StandardOutput.ReadLineAsync().WaitAsync(Deadline));
            await original.CloseAsync().WaitAsync(Deadline);
            var c = await Net.ConnectAsync(port, "127.0.0.1").WaitAsync(Deadline);
            await c.WriteAsync("echo from the child"u8.ToArray()).WaitAsync(Deadline);
            var buffer = new byte[19];
            int got = 0;
            while (got < buffer.Length) got += await c.ReadAsync(buffer.AsMemory(got)).AsTask().WaitAsync(Deadline);
            Assert.Equal("echo from the child", Encoding.ASCII.GetString(buffer));
            await c.DisposeAsync();
            await loop.On(() => channel.End()); // the child closes its server and leaves
            await child.WaitForExitAsync().WaitAsync(Deadline);
            Assert.Equal(0, child.ExitCode);
        }
        finally { if (!child.HasExited) child.Kill(); }
        await loop.On(() => ipc.Close());
    }

    [Fact]
    public async Task A_handle_nobody_adopts_is_closed_on_arrival()
    {
        await using var loop = EventLoop.StartHosted();
        var messages = new TaskCompletionSource<byte[]>();
        var (ipc, path) = await IpcServer(loop, peer => peer.On<ReceivedHandle>("handle", h => messages.TrySetResult(h.Message))); // looked at, not adopted
        var accepted = new TaskCompletionSource<Socket>();
        var tcp = await loop.On(() => Net.CreateServer(accepted.SetResult));
        int port = (await tcp.ListenAsync(0, "127.0.0.1").WaitAsync(Deadline)).Port;
        using var client = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
        await client.ConnectAsync("127.0.0.1", port);
        var connection = await accepted.Task.WaitAsync(Deadline);
        var sender = await loop.On(() => new Socket(new SocketOptions { Ipc = true }));
        await sender.ConnectAsync(path).WaitAsync(Deadline);
        await sender.SendHandleAsync(connection, "unwanted"u8.ToArray()).WaitAsync(Deadline);
        Assert.Equal("unwanted", Encoding.UTF8.GetString(await messages.Task.WaitAsync(Deadline)));
        client.ReceiveTimeout = 10_000;
        Assert.Equal(0, client.Receive(new byte[1])); // its last descriptor closed: the peer sees the end
        await loop.On(() => { sender.Destroy(); tcp.Close(); ipc.Close(); });
    }

    [Fact]
    public async Task ReceiveHandleAsync_and_plain_messages()
    {
        await using var loop = EventLoop.StartHosted();
        var peer = new TaskCompletionSource<Socket>();
        var (ipc, path) = await IpcServer(loop, peer.SetResult);
        var sender = await loop.On(() => new Socket(new SocketOptions { Ipc = true }));
        await sender.ConnectAsync(path).WaitAsync(Deadline);
        var channel = await peer.Task.WaitAsync(Deadline);
        var waiting = channel.ReceiveHandleAsync();
        var server = await loop.On(() => Net.CreateServer());
        int port = (await server.ListenAsync(0, "127.0.0.1").WaitAsync(Deadline)).Port;
        var text = new TaskCompletionSource<string>();
        await loop.On(() => channel.On<byte[], ReceivedHandle?>("message", (m, h) => { if (h == null) text.TrySetResult(Encoding.UTF8.GetString(m)); }));
        await loop.On(() => { sender.Send("just words"u8.ToArray()); sender.SendHandle(server); });
        Assert.Equal("just words", await text.Task.WaitAsync(Deadline));
        var handle = await waiting.WaitAsync(Deadline);
        Assert.Equal(HandleKind.Server, handle.Kind);
        var taker = await loop.On(() => Net.CreateServer());
        Assert.Equal(port, (await taker.ListenAsync(handle).WaitAsync(Deadline)).Port);
        await loop.On(() => { sender.Destroy(); taker.Close(); server.Close(); ipc.Close(); });
    }

    [Fact]
    public async Task Handles_sent_before_anyone_asks_all_arrive()
    {
        // The obvious code: one side sends handles as soon as it can; the other asks for them later. A 'message' listener
        // (there for the plain messages) does not turn them down.
        await using var loop = EventLoop.StartHosted();
        var listener = await loop.On(() => Net.CreateServer());
        await listener.ListenAsync(0, "127.0.0.1").WaitAsync(Deadline);
        const int Count = 20;
        var (ipc, path) = await IpcServer(loop, peer => peer.On<byte[], ReceivedHandle?>("message", (_, _) =>
        {
            for (int i = 0; i < Count; i++) peer.SendHandle(listener, Encoding.UTF8.GetBytes($"handle {i}"));
            peer.Send("done"u8.ToArray());
        }));
        await using var client = await Net.ConnectAsync(new ConnectOptions { Path = path, Ipc = true }).WaitAsync(Deadline);
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await client.Loop.InvokeAsync(() => client.On<byte[], ReceivedHandle?>("message", (m, h) => { if (h == null) done.TrySetResult(); }));
        await client.SendAsync("go"u8.ToArray()).WaitAsync(Deadline);
        await done.Task.WaitAsync(Deadline); // every handle has arrived, and nobody asked yet
        for (int i = 0; i < Count; i++)
        {
            var handle = await client.ReceiveHandleAsync().WaitAsync(Deadline);
            Assert.Equal($"handle {i}", Encoding.UTF8.GetString(handle.Message));
            handle.Dispose();
        }
        await loop.On(() => { ipc.Close(); listener.Close(); });
    }

    [Fact]
    public async Task ReceiveHandleAsync_on_a_socket_that_is_not_IPC_says_so()
    {
        await using var loop = EventLoop.StartHosted();
        var plain = await loop.On(() => new Socket());
        var e = await NodeAssert.ThrowsAsync(() => plain.ReceiveHandleAsync().WaitAsync(Deadline));
        Assert.Equal("ERR_INVALID_HANDLE_TYPE", e.Code);
        Assert.Contains("needs an IPC socket", e.Message);
    }

    [Fact]
    public async Task Sending_on_a_plain_socket_or_a_closed_handle_gives_Nodes_errors()
    {
        await using var loop = EventLoop.StartHosted();
        var (echo, port) = await LoopHelpers.EchoServer(loop);
        var plain = await loop.On(() => new Socket());
        await plain.ConnectAsync(port, "127.0.0.1").WaitAsync(Deadline);
        var e = await NodeAssert.ThrowsAsync(() => plain.SendHandleAsync(echo).WaitAsync(Deadline));
        Assert.Equal("ERR_INVALID_HANDLE_TYPE", e.Code);
        Assert.Equal("This handle type cannot be sent", e.Message);

        var (ipc, path) = await IpcServer(loop, _ => { });
        var sender = await loop.On(() => new Socket(new SocketOptions { Ipc = true }));
        await sender.ConnectAsync(path).WaitAsync(Deadline);
        var notListening = await loop.On(() => Net.CreateServer());
        e = await NodeAssert.ThrowsAsync(() => sender.SendHandleAsync(notListening).WaitAsync(Deadline));
        Assert.Equal("EBADF", e.Code);
        await loop.On(() => plain.Destroy());
        e = await NodeAssert.ThrowsAsync(() => sender.SendHandleAsync(plain).WaitAsync(Deadline));
        Assert.Equal("EBADF", e.Code);
        var write = await Assert.ThrowsAnyAsync<InvalidOperationException>(() => loop.On(() => sender.Write("bytes")));
        Assert.Contains("IPC socket", write.Message);
        await loop.On(() => { sender.Destroy(); ipc.Close(); echo.Close(); });
    }

    internal static Process StartHost(string scenario, string arg)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(TestHost.Path);
        psi.ArgumentList.Add(scenario);
        psi.ArgumentList.Add(arg);
        return Process.Start(psi)!;
    }
}
