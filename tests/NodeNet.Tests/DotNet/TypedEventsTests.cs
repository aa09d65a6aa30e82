using System.Text;
using Xunit;

namespace NodeNet.Tests.DotNet;

/// <summary>Typed .NET events are listeners of the Node events, in one list; misuse fails where it is written.</summary>
public class TypedEventsTests
{
    private static readonly TimeSpan Deadline = LoopHelpers.Deadline;

    [Fact]
    public void Typed_handlers_and_string_listeners_share_one_list_in_the_order_added()
    {
        var seen = new List<string>();
        TestLoop.Run(() =>
        {
            var server = Net.CreateServer();
            server.Connection += socket =>
            {
                Action<ReadOnlyMemory<byte>> typed = chunk => seen.Add("typed " + Encoding.ASCII.GetString(chunk.Span));
                socket.On<byte[]>(SocketEvents.Data, d => seen.Add("node " + Encoding.ASCII.GetString(d)));
                socket.Data += typed;
                Assert.Equal(2, socket.ListenerCount(SocketEvents.Data));
                Assert.Contains(typed, socket.Listeners(SocketEvents.Data));
                Assert.Equal(1, socket.ListenerCount(SocketEvents.Data, typed));
                socket.Once(SocketEvents.Data, () =>
                {
                    socket.Data -= typed; // removed like any listener: the next chunk reaches the Node one only
                    Assert.Equal(1, socket.ListenerCount(SocketEvents.Data));
                });
                socket.Ended += () => seen.Add("ended");
                socket.Closed += info => { seen.Add($"closed {info.Reason}"); server.Close(); };
            };
            server.ListeningStarted += () =>
            {
                var client = Net.Connect(server.Address()!.Port, "127.0.0.1");
                client.Connected += () => client.Write("ab"u8.ToArray(), _ => client.End("cd"u8.ToArray()));
                client.Resume();
            };
            server.Listen(0, "127.0.0.1");
        });
        // The two writes may arrive as one chunk or two; either way the typed handler saw the first chunk, after the Node
        // listener added before it, and nothing once removed.
        Assert.StartsWith("node ", seen[0]);
        Assert.Equal("typed " + seen[0]["node ".Length..], seen[1]);
        Assert.Equal("abcd", string.Concat(seen.Where(s => s.StartsWith("node ", StringComparison.Ordinal)).Select(s => s["node ".Length..])));
        Assert.Contains("ended", seen);
        Assert.Equal($"closed {SocketCloseReason.PeerEnded}", seen[^1]);
        Assert.Single(seen, s => s.StartsWith("typed", StringComparison.Ordinal));
    }

    [Fact]
    public void A_listener_that_can_never_match_fails_when_added_not_when_the_event_fires()
    {
        TestLoop.Run(() =>
        {
            var server = Net.CreateServer();
            var wrongType = Assert.ThrowsAny<ArgumentException>(() => server.On<string>(ServerEvents.Connection, _ => { }));
            Assert.Contains("'connection' passes Socket as argument 1, but the listener takes String", wrongType.Message);
            Assert.ThrowsAny<ArgumentException>(() => server.On<Socket, int>(ServerEvents.Connection, (_, _) => { }));
            Assert.ThrowsAny<ArgumentException>(() => server.Once<int>(ServerEvents.Close, _ => { }));
            Assert.ThrowsAny<ArgumentException>(() => server.On(ServerEvents.Connection, (Action<string>)(_ => { })));
            Assert.Equal(0, server.ListenerCount(ServerEvents.Connection)); // nothing was added
            // What can match is accepted: the exact type, a base type, rest arguments, fewer arguments, your own events.
            server.On<Socket>(ServerEvents.Connection, _ => { });
            server.On<object>(ServerEvents.Connection, _ => { });
            server.On<object?[]>(ServerEvents.Connection, _ => { });
            server.On(ServerEvents.Connection, () => { });
            server.On<string>("my-event", _ => { });
            var socket = new Socket();
            // 'data' carries bytes until SetEncoding: a string listener added first would fail at the first chunk.
            Assert.Contains("call it before adding a string listener", Assert.ThrowsAny<ArgumentException>(() => socket.On<string>(SocketEvents.Data, _ => { })).Message);
            socket.SetEncoding("utf8");
            socket.On<string>(SocketEvents.Data, _ => { });
            Assert.ThrowsAny<ArgumentException>(() => socket.On<int>(SocketEvents.Data, _ => { }));
            Assert.ThrowsAny<ArgumentException>(() => socket.On<string>(SocketEvents.Close, _ => { }));
            socket.On<bool>(SocketEvents.Close, _ => { });
        });
    }

    [Fact]
    public void Bytes_listeners_and_an_encoding_exclude_each_other()
    {
        TestLoop.Run(() =>
        {
            var bytes = new Socket();
            bytes.Data += _ => { };
            var refused = Assert.ThrowsAny<InvalidOperationException>(() => bytes.SetEncoding("utf8"));
            Assert.Contains("takes bytes", refused.Message);
            Assert.Null(bytes.ReadableEncoding); // nothing changed

            var text = new Socket();
            text.SetEncoding("latin1");
            Assert.ThrowsAny<ArgumentException>(() => text.Data += _ => { });
            Assert.ThrowsAny<ArgumentException>(() => text.On<byte[]>(SocketEvents.Data, _ => { }));
            text.On<string>(SocketEvents.Data, _ => { });
        });
    }

    [Fact]
    public void Built_in_events_cannot_be_emitted_from_outside_but_your_own_can()
    {
        TestLoop.Run(() =>
        {
            var server = Net.CreateServer();
            bool fired = false;
            server.Connection += _ => fired = true;
            var refused = Assert.ThrowsAny<InvalidOperationException>(() => server.Emit(ServerEvents.Connection, new Socket()));
            Assert.Contains("'connection' is a built-in event of Server", refused.Message);
            Assert.ThrowsAny<InvalidOperationException>(() => new Socket().Emit(SocketEvents.Data, new byte[1]));
            Assert.False(fired);
            int mine = 0;
            server.On<int>("mine", n => mine = n);
            Assert.True(server.Emit("mine", 7));
            Assert.Equal(7, mine);
        });
    }

    public static TheoryData<string> Reasons() => [.. Enum.GetNames<SocketCloseReason>()];

    [Theory]
    [MemberData(nameof(Reasons))]
    public async Task Closed_says_why(string reasonName)
    {
        var expected = Enum.Parse<SocketCloseReason>(reasonName);
        await using var loop = EventLoop.StartHosted();
        var serverSide = new TaskCompletionSource<Socket>(TaskCreationOptions.RunContinuationsAsynchronously);
        var server = await loop.On(() => loop.CreateServer(new ServerOptions { AllowHalfOpen = expected == SocketCloseReason.LocalEnded },
            s => { s.Resume(); serverSide.TrySetResult(s); }));
        int port = (await server.ListenAsync(0, "127.0.0.1").WaitAsync(Deadline)).Port;
        var client = await loop.ConnectAsync(port, "127.0.0.1").WaitAsync(Deadline);
        var accepted = await serverSide.Task.WaitAsync(Deadline);
        var closed = new TaskCompletionSource<SocketCloseInfo>(TaskCreationOptions.RunContinuationsAsynchronously);
        await loop.On(() =>
        {
            accepted.Closed += info => closed.TrySetResult(info);
            accepted.On<Exception>(SocketEvents.Error, _ => { });
            client.On<Exception>(SocketEvents.Error, _ => { });
            client.Resume();
            switch (expected)
            {
                case SocketCloseReason.PeerEnded: client.End(); break;      // the client's FIN comes first
                case SocketCloseReason.LocalEnded:                          // the accepted side ends first
                    accepted.End();
                    client.Once(SocketEvents.End, () => client.End());
                    break;
                case SocketCloseReason.PeerReset: client.ResetAndDestroy(); break;
                case SocketCloseReason.Destroyed: accepted.Destroy(); break;
                case SocketCloseReason.TimedOut:
                    accepted.SetTimeout(TimeSpan.FromMilliseconds(30));
                    accepted.TimedOut += () => accepted.Destroy();
                    break;
                case SocketCloseReason.Error: accepted.Destroy(new InvalidDataException("bad frame")); break;
            }
        });
        var info = await closed.Task.WaitAsync(Deadline);
        Assert.Equal(expected, info.Reason);
        Assert.Equal(expected is SocketCloseReason.PeerReset or SocketCloseReason.Error, info.HadError);
        // The Task says the same, read from another thread after the fact.
        Assert.Equal(info, await accepted.Completion.WaitAsync(Deadline));
        await server.DisposeAsync();
    }

    [Fact]
    public async Task OnceAsync_completes_with_the_arguments_faults_on_error_and_cancels_cleanly()
    {
        await using var loop = EventLoop.StartHosted();
        var server = await loop.On(() => loop.CreateServer());
        var listening = server.OnceAsync(ServerEvents.Listening);
        var connection = server.OnceAsync<Socket>(ServerEvents.Connection);
        int port = (await server.ListenAsync(0, "127.0.0.1").WaitAsync(Deadline)).Port;
        Assert.Empty(await listening.WaitAsync(Deadline));
        var client = await loop.ConnectAsync(port, "127.0.0.1").WaitAsync(Deadline);
        var accepted = await connection.WaitAsync(Deadline);
        Assert.NotNull(accepted);
        Assert.Same(server, await loop.On(() => accepted!.Server));

        // 'error' first: the awaited event never comes, the error is thrown.
        var end = accepted!.OnceAsync(SocketEvents.End);
        await loop.On(() => accepted.Destroy(new InvalidDataException("broken")));
        Assert.Equal("broken", (await Assert.ThrowsAsync<InvalidDataException>(() => end.WaitAsync(Deadline))).Message);

        using var cts = new CancellationTokenSource();
        var never = client.OnceAsync("never", cts.Token);
        Assert.Equal(1, await loop.On(() => client.ListenerCount("never")));
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => never.WaitAsync(Deadline));
        Assert.Equal(0, await loop.On(() => client.ListenerCount("never") + client.ListenerCount("error") - 1)); // our error sink stays
        await Assert.ThrowsAnyAsync<ArgumentException>(() => server.OnceAsync<string>(ServerEvents.Connection));
        await server.DisposeAsync();
    }

    [Fact]
    public async Task Await_foreach_over_a_socket_gives_every_byte_until_the_peer_ends()
    {
        await using var loop = EventLoop.StartHosted();
        byte[] sent = new byte[300_000];
        new Random(5).NextBytes(sent);
        var server = await loop.On(() => loop.CreateServer(s => s.End(sent)));
        int port = (await server.ListenAsync(0, "127.0.0.1").WaitAsync(Deadline)).Port;
        var client = await Net.ConnectAsync(port, "127.0.0.1").WaitAsync(Deadline);
        var received = new MemoryStream();
        var chunks = new List<ReadOnlyMemory<byte>>();
        await foreach (var chunk in client.WithCancellation(new CancellationTokenSource(Deadline).Token))
        {
            chunks.Add(chunk);
            received.Write(chunk.Span);
        }
        Assert.Equal(sent, received.ToArray());
        // Chunks are the caller's to keep: every one still holds what it held when it was yielded.
        Assert.Equal(sent, chunks.SelectMany(c => c.ToArray()).ToArray());
        await client.DisposeAsync();
        await server.DisposeAsync();
    }

    [Fact]
    public async Task Server_Completion_completes_at_close()
    {
        await using var loop = EventLoop.StartHosted();
        var (server, port) = await LoopHelpers.EchoServer(loop);
        var completion = server.Completion;
        var client = await Net.ConnectAsync(port, "127.0.0.1").WaitAsync(Deadline);
        var closing = server.CloseAsync();
        // Posted after the close: once it has run, so have the close and the ticks it queued (a premature 'close' among them).
        Assert.False(await loop.On(() => server.Listening));
        Assert.False(completion.IsCompleted); // a connection is still open
        await client.DisposeAsync();
        await completion.WaitAsync(Deadline);
        await closing.WaitAsync(Deadline);
    }
}
