using System.Net;
using System.Reflection;
using Xunit;

namespace NodeNet.Tests.Reliability;

/// <summary>Status is readable from any thread: every public property of Socket and Server (and address()) read from
/// pool threads while the loop moves data, opens and destroys connections, without an exception, and once the loop is
/// quiet with the same values the loop itself reads.</summary>
public class AnyThreadStatusTests
{
    private static readonly PropertyInfo[] SocketProperties = PublicProperties(typeof(Socket));
    private static readonly PropertyInfo[] ServerProperties = PublicProperties(typeof(Server));

    private static PropertyInfo[] PublicProperties(Type t) =>
        t.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0).ToArray();

    private static string ReadAll(object target, PropertyInfo[] properties)
    {
        var parts = properties.Select(p => $"{p.Name}={Show(p.GetValue(target))}").ToList();
        parts.Add("Address()=" + Show(target is Socket s ? s.Address() : ((Server)target).Address()));
        return string.Join("; ", parts);
    }

    private static string Show(object? v) => v switch
    {
        null => "null",
        Task t => t.IsCompleted ? "completed" : "pending", // the Completion tasks: compared by state only
        System.Collections.IEnumerable e and not string => string.Join(",", e.Cast<object>()),
        _ => v.ToString()!,
    };

    [Fact]
    public async Task Every_status_property_reads_from_pool_threads_while_the_loop_works()
    {
        await using var loop = EventLoop.StartHosted();
        var (server, port) = await LoopHelpers.EchoServer(loop);
        var client = await loop.On(() => new Socket());
        await client.ConnectAsync(port, "127.0.0.1").WaitAsync(LoopHelpers.Deadline);
        var accepted = await loop.On(() => server.Connections);
        Assert.Equal(1, accepted);

        // The loop echoes 4 MiB in 16 KiB writes while two pool threads read everything, over and over.
        using var stop = new CancellationTokenSource();
        int reads = 0;
        var readers = Enumerable.Range(0, 2).Select(_ => Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                ReadAll(client, SocketProperties);
                ReadAll(server, ServerProperties);
                Interlocked.Increment(ref reads);
            }
        })).ToArray();
        var chunk = new byte[16 * 1024];
        long echoed = 0;
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await loop.On(() =>
        {
            client.On<byte[]>("data", d => { if ((echoed += d.Length) == 256 * chunk.Length) done.TrySetResult(); });
            for (int i = 0; i < 256; i++) client.Write(chunk);
        });
        await done.Task.WaitAsync(LoopHelpers.Deadline);
        stop.Cancel();
        await Task.WhenAll(readers).WaitAsync(LoopHelpers.Deadline);
        Assert.True(reads > 0);

        // Quiet now: what a pool thread reads is what the loop reads.
        Assert.Equal(await loop.On(() => ReadAll(client, SocketProperties)), await Task.Run(() => ReadAll(client, SocketProperties)));
        Assert.Equal(await loop.On(() => ReadAll(server, ServerProperties)), await Task.Run(() => ReadAll(server, ServerProperties)));
        Assert.Equal(256L * chunk.Length, await Task.Run(() => client.BytesRead));
        Assert.Equal(256L * chunk.Length, await Task.Run(() => client.BytesWritten));
        Assert.Equal(new IPEndPoint(IPAddress.Loopback, port), await Task.Run(() => client.RemoteEndPoint));

        await loop.On(() => client.Destroy());
        await loop.WaitFor(() => server.Connections == 0);
        var after = await Task.Run(() => (client.Destroyed, client.IsClosed, client.State, client.RemotePort, server.Connections));
        Assert.Equal((true, true, SocketReadyState.Closed, (int?)port, 0), after);
    }

    [Fact]
    public async Task Names_read_off_the_loop_while_connections_come_and_go()
    {
        // The race the lock exists for: a pool thread asks for a name while the loop closes the handle. Each read is a
        // right answer or null (never another connection's, never a crash).
        await using var loop = EventLoop.StartHosted();
        var sockets = new System.Collections.Concurrent.ConcurrentQueue<(Socket s, int clientPort)>();
        var server = await loop.On(() => Net.CreateServer(s =>
        {
            s.On<Exception>("error", _ => { });
            sockets.Enqueue((s, s.RemotePort ?? -1)); // read on the loop: the truth the readers compare with
            loop.SetImmediate(() => s.Destroy());
        }));
        int port = (await server.ListenAsync(0, "127.0.0.1").WaitAsync(LoopHelpers.Deadline)).Port;
        using var stop = new CancellationTokenSource();
        int wrong = 0, reads = 0;
        var readers = Enumerable.Range(0, 2).Select(_ => Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
                foreach (var (s, clientPort) in sockets)
                {
                    if (s.RemotePort is { } p && p != clientPort) Interlocked.Increment(ref wrong);
                    if (s.LocalPort is { } l && l != port) Interlocked.Increment(ref wrong);
                    GC.KeepAlive(s.Address());
                    GC.KeepAlive(s.LocalEndPoint);
                    Interlocked.Increment(ref reads);
                }
        })).ToArray();
        for (int i = 0; i < 200; i++)
        {
            var c = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.InterNetwork, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
            await c.ConnectAsync(IPAddress.Loopback, port).WaitAsync(LoopHelpers.Deadline);
            c.Dispose();
        }
        await loop.WaitFor(() => sockets.Count == 200 && server.Connections == 0, "200 connections accepted and destroyed");
        stop.Cancel();
        await Task.WhenAll(readers).WaitAsync(LoopHelpers.Deadline);
        Assert.Equal(0, wrong);
        Assert.True(reads > 0);
        await server.CloseAsync().WaitAsync(LoopHelpers.Deadline);
    }

    [Fact]
    public async Task A_task_style_accept_loop_reads_status_on_pool_threads()
    {
        // What the user wrote: sockets from await foreach, handled on pool threads.
        await using var loop = EventLoop.StartHosted();
        var server = await loop.On(() => new Server());
        int port = (await server.ListenAsync(0, "127.0.0.1").WaitAsync(LoopHelpers.Deadline)).Port;
        var seen = Task.Run(async () =>
        {
            await foreach (var s in server)
            {
                var status = (s.RemoteEndPoint, s.LocalEndPoint, s.State, s.Destroyed, s.BytesRead, server.Connections,
                    server.MaxConnections, server.Listening, server.ConnectionsPerLoop.Sum());
                await s.DisposeAsync();
                return status;
            }
            return default;
        });
        using var c = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.InterNetwork, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
        await c.ConnectAsync(IPAddress.Loopback, port).WaitAsync(LoopHelpers.Deadline);
        var (remote, local, state, destroyed, bytesRead, connections, max, listening, perLoop) = await seen.WaitAsync(LoopHelpers.Deadline);
        Assert.Equal(c.LocalEndPoint, remote);
        Assert.Equal(new IPEndPoint(IPAddress.Loopback, port), local);
        Assert.Equal(SocketReadyState.Open, state);
        Assert.False(destroyed);
        Assert.Equal(0, bytesRead);
        Assert.Equal((1, (int?)null, true, 1), (connections, max, listening, perLoop));
        await server.CloseAsync().WaitAsync(LoopHelpers.Deadline);
    }

    [Fact]
    public async Task CloseAllConnections_from_a_pool_thread_destroys_them_on_their_loop()
    {
        await using var loop = EventLoop.StartHosted();
        var (server, port) = await LoopHelpers.EchoServer(loop);
        var clients = new List<System.Net.Sockets.Socket>();
        for (int i = 0; i < 3; i++)
        {
            var c = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.InterNetwork, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
            await c.ConnectAsync(IPAddress.Loopback, port).WaitAsync(LoopHelpers.Deadline);
            clients.Add(c);
        }
        await loop.WaitFor(() => server.Connections == 3);
        await Task.Run(() => server.CloseAllConnections());
        foreach (var c in clients)
        {
            // Each client sees its connection end (EOF or a reset).
            var buffer = new byte[1];
            try { Assert.Equal(0, await c.ReceiveAsync(buffer).WaitAsync(LoopHelpers.Deadline)); }
            catch (System.Net.Sockets.SocketException) { }
            c.Dispose();
        }
        await loop.WaitFor(() => server.Connections == 0);
        Assert.True(await Task.Run(() => server.Listening));
        await server.CloseAsync().WaitAsync(LoopHelpers.Deadline);
    }
}
