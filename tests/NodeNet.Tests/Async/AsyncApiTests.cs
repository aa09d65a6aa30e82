using System.Net;
using System.Security.Cryptography;
using System.Text;
using Xunit;
using NetSocket = System.Net.Sockets.Socket;

namespace NodeNet.Tests.Async;

/// <summary>The Task-based API from ordinary async code on a hosted loop, never calling EventLoop.Run.</summary>
public class AsyncApiTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    private static async Task<LoopDiagnostics> DiagnosticsOf(EventLoop loop)
    {
        var tcs = new TaskCompletionSource<LoopDiagnostics>(TaskCreationOptions.RunContinuationsAsynchronously);
        loop.Post(() => tcs.SetResult(loop.Diagnostics));
        return await tcs.Task.WaitAsync(Deadline);
    }

    [Fact]
    public async Task Echo_through_ReadAsync_and_WriteAsync_with_await_using_leaves_no_live_handles()
    {
        var loop = EventLoop.StartHosted();
        try
        {
            await using (var server = await OnLoop(loop, () => Net.CreateServer()))
            {
                int port = (await server.ListenAsync(0, "127.0.0.1").WaitAsync(Deadline)).Port;
                var serving = Task.Run(async () =>
                {
                    await foreach (var accepted in server)
                    {
                        await using var s = accepted;
                        var buf = new byte[1024];
                        int n;
                        while ((n = await s.ReadAsync(buf)) > 0) await s.WriteAsync(buf.AsMemory(0, n));
                        await s.EndAsync();
                        break;
                    }
                });
                await using (var client = await OnLoop(loop, () => new Socket()))
                {
                    await client.ConnectAsync(port, "127.0.0.1").WaitAsync(Deadline);
                    await client.WriteAsync("ping over tasks"u8.ToArray()).WaitAsync(Deadline);
                    await client.EndAsync().WaitAsync(Deadline);
                    var got = new MemoryStream();
                    var buf = new byte[100];
                    int n;
                    while ((n = await client.ReadAsync(buf).AsTask().WaitAsync(Deadline)) > 0) got.Write(buf, 0, n);
                    Assert.Equal("ping over tasks", Encoding.UTF8.GetString(got.ToArray()));
                }
                await serving.WaitAsync(Deadline);
            }
            Assert.Equal(new LoopDiagnostics(0, 0, 0), await DiagnosticsOf(loop));
        }
        finally { await loop.DisposeAsync(); }
    }

    /// <summary>Creates an object on the loop thread, as Node-style listeners would need, and returns it.</summary>
    private static Task<T> OnLoop<T>(EventLoop loop, Func<T> create)
    {
        var tcs = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        loop.Post(() => { try { tcs.SetResult(create()); } catch (Exception e) { tcs.SetException(e); } });
        return tcs.Task;
    }

    [Fact]
    public async Task Objects_created_off_any_loop_use_the_default_loop()
    {
        await using var server = Net.CreateServer();
        int port = (await server.ListenAsync(0, "127.0.0.1").WaitAsync(Deadline)).Port;
        var accept = Task.Run(async () => { await foreach (var s in server) return s; return null; });
        await using var client = await Net.ConnectAsync(port, "127.0.0.1").WaitAsync(Deadline);
        var accepted = await accept.WaitAsync(Deadline);
        Assert.NotNull(accepted);
        await accepted!.WriteAsync("hello"u8.ToArray()).WaitAsync(Deadline);
        var buf = new byte[5];
        Assert.Equal(5, await client.ReadAsync(buf).AsTask().WaitAsync(Deadline));
        Assert.Equal("hello", Encoding.ASCII.GetString(buf));
        await accepted.DisposeAsync();
    }

    [Fact]
    public async Task ListenAsync_faults_with_Nodes_error_and_CloseAsync_when_not_running()
    {
        await using var a = Net.CreateServer();
        int port = (await a.ListenAsync(0, "127.0.0.1").WaitAsync(Deadline)).Port;
        var b = Net.CreateServer();
        var e = await NodeAssert.ThrowsAsync(() => b.ListenAsync(port, "127.0.0.1").WaitAsync(Deadline));
        Assert.Equal("EADDRINUSE", e.Code);
        Assert.Equal($"listen EADDRINUSE: address already in use 127.0.0.1:{port}", e.Message);
        var notRunning = await NodeAssert.ThrowsAsync(() => b.CloseAsync().WaitAsync(Deadline));
        Assert.Equal("ERR_SERVER_NOT_RUNNING", notRunning.Code);
        var refused = await NodeAssert.ThrowsAsync(() => Net.ConnectAsync(port + 0, "127.0.0.2").WaitAsync(Deadline));
        Assert.Equal("ECONNREFUSED", refused.Code);
    }

    [Fact]
    public async Task Cancelling_a_pending_ReadAsync_leaves_the_socket_usable_and_loses_nothing()
    {
        await using var server = Net.CreateServer();
        int port = (await server.ListenAsync(0, "127.0.0.1").WaitAsync(Deadline)).Port;
        var accept = Task.Run(async () => { await foreach (var s in server) return s; return null; });
        await using var client = await Net.ConnectAsync(port, "127.0.0.1").WaitAsync(Deadline);
        var peer = (await accept.WaitAsync(Deadline))!;

        using var cts = new CancellationTokenSource(100);
        var buf = new byte[16];
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.ReadAsync(buf, cts.Token).AsTask().WaitAsync(Deadline));

        await peer.WriteAsync("after cancel"u8.ToArray()).WaitAsync(Deadline);
        int n = await client.ReadAsync(buf).AsTask().WaitAsync(Deadline);
        Assert.Equal("after cancel", Encoding.ASCII.GetString(buf, 0, n));
        await peer.DisposeAsync();
    }

    [Fact]
    public async Task Cancelling_a_pending_ConnectAsync_is_prompt_and_cleans_up()
    {
        // A listener whose accept queue is full: the kernel drops further SYNs, so a connect stays pending (loopback only).
        using var full = new NetSocket(System.Net.Sockets.AddressFamily.InterNetwork, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
        full.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        full.Listen(0);
        int port = ((IPEndPoint)full.LocalEndPoint!).Port;
        var fillers = new List<NetSocket>();
        for (int i = 0; i < 4; i++)
        {
            var f = new NetSocket(System.Net.Sockets.AddressFamily.InterNetwork, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
            _ = f.ConnectAsync(IPAddress.Loopback, port);
            fillers.Add(f);
        }
        var loop = EventLoop.StartHosted();
        try
        {
            var socket = await OnLoop(loop, () => new Socket());
            using var cts = new CancellationTokenSource(300);
            var started = System.Diagnostics.Stopwatch.StartNew();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => socket.ConnectAsync(port, "127.0.0.1", cts.Token).WaitAsync(Deadline));
            Assert.True(started.ElapsedMilliseconds < 5_000, $"cancellation took {started.ElapsedMilliseconds} ms");
            await socket.DisposeAsync().AsTask().WaitAsync(Deadline);
            Assert.True(await OnLoop(loop, () => socket.Destroyed));
            Assert.Equal(new LoopDiagnostics(0, 0, 0), await DiagnosticsOf(loop));
        }
        finally
        {
            await loop.DisposeAsync();
            foreach (var f in fillers) f.Dispose();
        }
    }

    [Fact]
    public async Task Eight_threads_writing_to_one_socket_never_interleave_a_write()
    {
        const int Threads = 8, PerThread = 300;
        await using var server = Net.CreateServer();
        int port = (await server.ListenAsync(0, "127.0.0.1").WaitAsync(Deadline)).Port;
        var received = Task.Run(async () =>
        {
            await foreach (var s in server)
            {
                await using var stream = s.AsStream();
                using var reader = new StreamReader(stream);
                var lines = new List<string>();
                while (await reader.ReadLineAsync() is { } line) lines.Add(line);
                return lines;
            }
            return [];
        });
        var client = await Net.ConnectAsync(port, "127.0.0.1").WaitAsync(Deadline);
        using var go = new Barrier(Threads);
        var writers = Enumerable.Range(0, Threads).Select(t => Task.Factory.StartNew(() =>
        {
            go.SignalAndWait();
            for (int i = 0; i < PerThread; i++)
                client.WriteAsync(Encoding.ASCII.GetBytes($"thread{t}:{i:D5}:{new string((char)('a' + t), 40)}\n")).Wait();
        }, TaskCreationOptions.LongRunning)).ToArray();
        await Task.WhenAll(writers).WaitAsync(Deadline);
        await client.EndAsync().WaitAsync(Deadline);
        var lines = await received.WaitAsync(Deadline);
        Assert.Equal(Threads * PerThread, lines.Count);
        for (int t = 0; t < Threads; t++)
        {
            var mine = lines.Where(l => l.StartsWith($"thread{t}:")).ToList();
            Assert.Equal(PerThread, mine.Count);
            for (int i = 0; i < PerThread; i++) Assert.Equal($"thread{t}:{i:D5}:{new string((char)('a' + t), 40)}", mine[i]);
        }
        await client.DisposeAsync();
    }

    [Fact]
    public async Task CopyToAsync_between_two_NodeNet_sockets_is_byte_exact()
    {
        var data = RandomNumberGenerator.GetBytes(4 * 1024 * 1024);
        await using var source = Net.CreateServer();
        await using var sink = Net.CreateServer();
        int sourcePort = (await source.ListenAsync(0, "127.0.0.1").WaitAsync(Deadline)).Port;
        int sinkPort = (await sink.ListenAsync(0, "127.0.0.1").WaitAsync(Deadline)).Port;
        var serveSource = Task.Run(async () => { await foreach (var s in source) { await s.WriteAsync(data); await s.EndAsync(); return; } });
        var collect = Task.Run(async () =>
        {
            await foreach (var s in sink)
            {
                var ms = new MemoryStream();
                await using var stream = s.AsStream();
                await stream.CopyToAsync(ms);
                return ms.ToArray();
            }
            return [];
        });
        await using var from = (await Net.ConnectAsync(sourcePort, "127.0.0.1").WaitAsync(Deadline)).AsStream();
        await using var to = (await Net.ConnectAsync(sinkPort, "127.0.0.1").WaitAsync(Deadline)).AsStream();
        await from.CopyToAsync(to).WaitAsync(Deadline);
        await to.ShutdownAsync().WaitAsync(Deadline);
        var got = await collect.WaitAsync(Deadline);
        await serveSource.WaitAsync(Deadline);
        Assert.Equal(SHA256.HashData(data), SHA256.HashData(got));
    }
}
