using System.Reflection;
using Xunit;

namespace NodeNet.Tests.Reliability;

/// <summary>Every Task NodeNet hands out completes when its loop ends: with ObjectDisposedException, or at once for
/// disposal (the loop's end closed the object anyway). Nothing is left hanging.</summary>
public class HangTests
{
    private static readonly TimeSpan Deadline = LoopHelpers.Deadline;

    [Fact]
    public async Task ListenAsync_with_an_already_cancelled_signal_is_cancelled_and_listens_on_nothing()
    {
        await using var loop = EventLoop.StartHosted();
        var server = await loop.On(() => Net.CreateServer());
        var task = server.ListenAsync(new ListenOptions { Port = 0, Host = "127.0.0.1", Signal = new CancellationToken(true) });
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => task.WaitAsync(Deadline));
        Assert.True(task.IsCanceled);
        Assert.False(await loop.On(() => server.Listening));
    }

    [Fact]
    public async Task ListenAsync_whose_signal_fires_before_listening_is_cancelled()
    {
        await using var loop = EventLoop.StartHosted();
        var server = await loop.On(() => Net.CreateServer());
        using var cts = new CancellationTokenSource();
        // A host name defers listening until the lookup answers; the signal fires in the same loop turn, before it.
        var task = await loop.On(() =>
        {
            var listening = server.ListenAsync(new ListenOptions { Port = 0, Host = "localhost", Signal = cts.Token });
            cts.Cancel();
            return listening;
        });
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => task.WaitAsync(Deadline));
    }

    [Fact]
    public async Task Socket_DisposeAsync_racing_the_loops_DisposeAsync_completes()
    {
        for (int i = 0; i < 20; i++)
        {
            var loop = EventLoop.StartHosted();
            var (server, port) = await LoopHelpers.EchoServer(loop);
            var socket = await loop.On(() => new Socket());
            await socket.ConnectAsync(port, "127.0.0.1").WaitAsync(Deadline);
            var socketDisposed = socket.DisposeAsync().AsTask();
            var serverDisposed = server.DisposeAsync().AsTask();
            await loop.DisposeAsync().AsTask().WaitAsync(Deadline);
            await socketDisposed.WaitAsync(Deadline);
            await serverDisposed.WaitAsync(Deadline);
            // Completed because each is closed (by its own dispose or by the loop's end), with the loop ended cleanly.
            Assert.True(socket.Completion.IsCompletedSuccessfully && server.Completion.IsCompletedSuccessfully);
            Assert.True(loop.Completion.IsCompletedSuccessfully);
            await Assert.ThrowsAnyAsync<ObjectDisposedException>(() => socket.WriteAsync(new byte[1]).WaitAsync(Deadline));
        }
    }

    [Fact]
    public async Task WriteAsync_and_ReadAsync_pending_when_the_loop_is_disposed_fault_with_ObjectDisposedException()
    {
        var loop = EventLoop.StartHosted();
        // A server that never reads: writes back up until WriteAsync is pending.
        var server = await loop.On(() => Net.CreateServer(new ServerOptions { PauseOnConnect = true }));
        int port = (await server.ListenAsync(0, "127.0.0.1").WaitAsync(Deadline)).Port;
        var socket = await loop.On(() => new Socket());
        await socket.ConnectAsync(port, "127.0.0.1").WaitAsync(Deadline);
        var read = socket.ReadAsync(new byte[10]).AsTask();
        var big = new byte[1 << 20];
        var write = await WriteUntilPending(loop, socket);
        await loop.DisposeAsync().AsTask().WaitAsync(Deadline);
        await Assert.ThrowsAnyAsync<ObjectDisposedException>(() => write.WaitAsync(Deadline));
        await Assert.ThrowsAnyAsync<ObjectDisposedException>(() => read.WaitAsync(Deadline));
        // Calls made after the end fault the same way, at once.
        await Assert.ThrowsAnyAsync<ObjectDisposedException>(() => socket.WriteAsync(big).WaitAsync(Deadline));
        await Assert.ThrowsAnyAsync<ObjectDisposedException>(() => socket.ReadAsync(new byte[1]).AsTask().WaitAsync(Deadline));
    }

    /// <summary>Writes 1 MiB at a time to a peer that never reads until a write stays pending, and returns that write. Pending
    /// is seen, not guessed from elapsed time: after the write ran on the loop, bytes remain queued (writableLength &gt; 0),
    /// which only the peer's reading could drain.</summary>
    internal static async Task<Task> WriteUntilPending(EventLoop loop, Socket socket)
    {
        var big = new byte[1 << 20];
        while (true)
        {
            var write = socket.WriteAsync(big);
            if (await loop.On(() => socket.WritableLength) > 0) return write;
            await write.WaitAsync(Deadline); // a failure here is the test's failure
        }
    }

    /// <summary>Each public async member, called so that it is still pending when the loop ends. The test below checks
    /// that this table names every public member that returns a Task, ValueTask or IAsyncEnumerable.</summary>
    private static readonly Dictionary<string, Func<Fixture, Task<Task>>> Pending = new()
    {
        ["Server.ListenAsync(ListenOptions, CancellationToken)"] = f => Now(f.Idle.ListenAsync(new ListenOptions { Port = 0, Host = "localhost" })),
        ["Server.ListenAsync(Int32, String, CancellationToken)"] = f => Now(f.Idle.ListenAsync(0, "localhost")),
        ["Server.ListenAsync(String, CancellationToken)"] = f => Now(f.Idle.ListenAsync(Path.Combine(f.Dir, "late.sock"))),
        ["Server.ListenAsync(ReceivedHandle, CancellationToken)"] = async f => { var h = await f.ReceivedServer(); return f.Idle.ListenAsync(h); },
        ["Socket.SendHandleAsync(Server, ReadOnlyMemory`1, CancellationToken)"] = async f => (await f.IpcPair()).sender.SendHandleAsync(f.Server),
        ["Socket.SendHandleAsync(Socket, ReadOnlyMemory`1, CancellationToken)"] = async f => (await f.IpcPair()).sender.SendHandleAsync(f.Client),
        ["Socket.SendAsync(ReadOnlyMemory`1, CancellationToken)"] = async f => (await f.IpcPair()).sender.SendAsync(new byte[1]),
        ["Socket.ReceiveHandleAsync(CancellationToken)"] = async f => (await f.IpcPair()).receiver.ReceiveHandleAsync(),
        ["Server.CloseAsync(CancellationToken)"] = f => Now(f.Server.CloseAsync()),
        // Moves onto the loop that is about to end: the hop there is what may be left pending.
        ["Server.TransferAsync(EventLoop)"] = f => Now(f.Server.TransferAsync(f.Loop)),
        ["Socket.TransferAsync(EventLoop)"] = async f => (await f.Fresh()).TransferAsync(f.Loop),
        ["Server.DisposeAsync()"] = f => Now(f.Server.DisposeAsync().AsTask()),
        ["Server.GetAsyncEnumerator(CancellationToken)"] = f => Now(Enumerate(f.Server)),
        ["Socket.ConnectAsync(ConnectOptions, CancellationToken)"] = async f => (await f.Fresh()).ConnectAsync(new ConnectOptions { Port = f.Port, Host = "localhost" }),
        ["Socket.ConnectAsync(Int32, String, CancellationToken)"] = async f => (await f.Fresh()).ConnectAsync(f.Port, "localhost"),
        ["Socket.ConnectAsync(String, CancellationToken)"] = async f => (await f.Fresh()).ConnectAsync(Path.Combine(f.Dir, "none.sock")),
        ["Socket.WriteAsync(ReadOnlyMemory`1, CancellationToken)"] = f => f.Blocked(),
        ["Socket.EndAsync(CancellationToken)"] = async f => { await f.Blocked(); return f.Client.EndAsync(); },
        ["Socket.ReadAsync(Memory`1, CancellationToken)"] = f => Now(f.Client.ReadAsync(new byte[1]).AsTask()),
        ["Socket.DisposeAsync()"] = async f => { await f.Blocked(); return f.Client.DisposeAsync().AsTask(); },
        ["Net.ConnectAsync(ConnectOptions, CancellationToken)"] = f => f.OnLoop(() => Net.ConnectAsync(new ConnectOptions { Port = f.Port, Host = "localhost" })),
        ["Net.ConnectAsync(Int32, String, CancellationToken)"] = f => f.OnLoop(() => Net.ConnectAsync(f.Port, "localhost")),
        ["Net.ConnectAsync(String, CancellationToken)"] = f => f.OnLoop(() => Net.ConnectAsync(Path.Combine(f.Dir, "none.sock"))),
        ["SocketStream.ReadAsync(Memory`1, CancellationToken)"] = f => Now(f.Client.AsStream().ReadAsync(new byte[1]).AsTask()),
        ["SocketStream.ReadAsync(Byte[], Int32, Int32, CancellationToken)"] = f => Now(f.Client.AsStream().ReadAsync(new byte[1], 0, 1, default)),
        ["SocketStream.WriteAsync(ReadOnlyMemory`1, CancellationToken)"] = async f => { await f.Blocked(); return f.Client.AsStream().WriteAsync(new byte[1].AsMemory()).AsTask(); },
        ["SocketStream.WriteAsync(Byte[], Int32, Int32, CancellationToken)"] = async f => { await f.Blocked(); return f.Client.AsStream().WriteAsync(new byte[1], 0, 1, default); },
        ["SocketStream.ShutdownAsync(CancellationToken)"] = async f => { await f.Blocked(); return f.Client.AsStream().ShutdownAsync(); },
        ["SocketStream.FlushAsync(CancellationToken)"] = f => Now(f.Client.AsStream().FlushAsync()),
        ["SocketStream.DisposeAsync()"] = async f => { await f.Blocked(); return f.Client.AsStream().DisposeAsync().AsTask(); },
        ["EventLoop.DisposeAsync()"] = f => Now(f.Loop.DisposeAsync().AsTask()),
        ["EventLoop.get_Completion()"] = f => Now(f.Loop.Completion),
        ["EventLoop.InvokeAsync(Func`1)`1"] = f => Now(f.Loop.InvokeAsync(() => 1)),
        ["EventLoop.InvokeAsync(Action)"] = f => Now(f.Loop.InvokeAsync(() => { })),
        ["EventLoop.ConnectAsync(ConnectOptions, CancellationToken)"] = f => Now(f.Loop.ConnectAsync(new ConnectOptions { Port = f.Port, Host = "localhost" })),
        ["EventLoop.ConnectAsync(Int32, String, CancellationToken)"] = f => Now(f.Loop.ConnectAsync(f.Port, "localhost")),
        ["EventLoop.ConnectAsync(EndPoint, CancellationToken)"] = f => Now(f.Loop.ConnectAsync(new System.Net.DnsEndPoint("localhost", f.Port))),
        ["Server.get_Completion()"] = f => Now(f.Server.Completion),
        ["Server.ListenAsync(EndPoint, CancellationToken)"] = f => Now(f.Idle.ListenAsync(new System.Net.DnsEndPoint("localhost", 0))),
        ["Socket.get_Completion()"] = f => Now(f.Client.Completion),
        ["Socket.ConnectAsync(EndPoint, CancellationToken)"] = async f => (await f.Fresh()).ConnectAsync(new System.Net.DnsEndPoint("localhost", f.Port)),
        ["Socket.GetAsyncEnumerator(CancellationToken)"] = f => Now(EnumerateChunks(f.Client)),
        ["Net.ConnectAsync(EndPoint, CancellationToken)"] = f => f.OnLoop(() => Net.ConnectAsync(new System.Net.DnsEndPoint("localhost", f.Port))),
        ["Socket.PipeAsync(Stream, Boolean)"] = f => Now(f.Client.PipeAsync(new MemoryStream())),
        ["Socket.PipeAsync(PipeWriter, Boolean)"] = f => Now(f.Client.PipeAsync(new System.IO.Pipelines.Pipe().Writer)),
        // Pending on the .NET stream, which never yields a byte: the loop's end must still complete it.
        ["Socket.PipeFromAsync(Stream, Boolean, CancellationToken)"] = f => Now(f.Client.PipeFromAsync(new System.IO.Pipelines.Pipe().Reader.AsStream())),
        ["Net.PipelineAsync(Socket[])"] = f => Now(Net.PipelineAsync(f.Client, f.Client)),
        ["Net.FinishedAsync(Socket, Boolean, Boolean)"] = f => Now(Net.FinishedAsync(f.Client)),
        ["EventEmitter.OnceAsync(String, CancellationToken)"] = f => Now(f.Client.OnceAsync("never")),
        ["EventEmitter.OnceAsync(String, CancellationToken)`1"] = f => Now(f.Server.OnceAsync<Socket>(ServerEvents.Connection)),
    };

    private static Task<Task> Now(Task pending) => Task.FromResult(pending);

    private static async Task Enumerate(Server server) { await foreach (var _ in server) { } }

    private static async Task EnumerateChunks(Socket socket) { await foreach (var _ in socket) { } }

    [Fact]
    public void The_table_names_every_public_async_member()
    {
        var types = new[] { typeof(Server), typeof(Socket), typeof(Net), typeof(SocketStream), typeof(EventLoop), typeof(EventEmitter) };
        var members = types.SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)
                .Where(m => IsAsync(m.ReturnType))
                .Select(m => $"{t.Name}.{m.Name}({string.Join(", ", m.GetParameters().Select(p => p.ParameterType.Name))}){(m.IsGenericMethod ? "`1" : "")}"))
            .ToHashSet();
        Assert.Empty(members.Except(Pending.Keys));
        Assert.Empty(Pending.Keys.Except(members));
    }

    private static bool IsAsync(Type t) =>
        typeof(Task).IsAssignableFrom(t) || t == typeof(ValueTask) || t.IsGenericType &&
        (t.GetGenericTypeDefinition() == typeof(ValueTask<>) || t.GetGenericTypeDefinition() == typeof(IAsyncEnumerable<>) ||
         t.GetGenericTypeDefinition() == typeof(IAsyncEnumerator<>));

    public static IEnumerable<object[]> Members() => Pending.Keys.Order().Select(k => new object[] { k });

    [Theory]
    [MemberData(nameof(Members))]
    public async Task Pending_when_the_loop_ends_completes(string member)
    {
        var f = await Fixture.Create();
        Task pending = await Pending[member](f).WaitAsync(Deadline);
        await f.Loop.DisposeAsync().AsTask().WaitAsync(Deadline);
        var done = await Task.WhenAny(pending, Task.Delay(Deadline));
        Assert.True(done == pending, $"{member} was still pending {Deadline.TotalSeconds} s after its loop ended");
        if (pending.IsFaulted)
            Assert.True(pending.Exception!.InnerException is ObjectDisposedException or INodeError,
                $"{member} faulted with {pending.Exception.InnerException}");
        Directory.Delete(f.Dir, recursive: true);
    }

    /// <summary>A hosted loop with a listening server, a connected client whose peer never reads, and an idle server.</summary>
    private sealed class Fixture
    {
        public required EventLoop Loop;
        public required Server Server, Idle;
        public required Socket Client;
        public required int Port;
        public required string Dir;

        public static async Task<Fixture> Create()
        {
            var loop = EventLoop.StartHosted();
            var server = await loop.On(() => Net.CreateServer(new ServerOptions { PauseOnConnect = true }));
            int port = (await server.ListenAsync(0, "127.0.0.1").WaitAsync(Deadline)).Port;
            var client = await loop.On(() => new Socket());
            await client.ConnectAsync(port, "127.0.0.1").WaitAsync(Deadline);
            return new Fixture
            {
                Loop = loop, Server = server, Port = port, Client = client, Dir = TestLoop.TempDir(),
                Idle = await loop.On(() => Net.CreateServer()),
            };
        }

        public Task<Socket> Fresh() => Loop.On(() => new Socket());

        public async Task<Task> OnLoop<T>(Func<Task<T>> start) => await Loop.On(start);

        /// <summary>Two connected IPC sockets on the loop.</summary>
        public async Task<(Socket sender, Socket receiver)> IpcPair()
        {
            var peer = new TaskCompletionSource<Socket>();
            var server = await Loop.On(() => Net.CreateServer(new ServerOptions { Ipc = true }, peer.SetResult));
            string path = System.IO.Path.Combine(Dir, $"ipc-{Guid.NewGuid():N}.sock");
            await server.ListenAsync(path).WaitAsync(Deadline);
            var sender = await Loop.On(() => new Socket(new SocketOptions { Ipc = true }));
            await sender.ConnectAsync(path).WaitAsync(Deadline);
            return (sender, await peer.Task.WaitAsync(Deadline));
        }

        /// <summary>A server handle received over IPC, not yet adopted.</summary>
        public async Task<ReceivedHandle> ReceivedServer()
        {
            var (sender, receiver) = await IpcPair();
            var received = receiver.ReceiveHandleAsync();
            await sender.SendHandleAsync(Server).WaitAsync(Deadline);
            return await received.WaitAsync(Deadline);
        }

        public Task<Task> Blocked() => WriteUntilPending(Loop, Client);
    }
}
