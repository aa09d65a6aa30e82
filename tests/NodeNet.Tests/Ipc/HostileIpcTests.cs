using System.Diagnostics.Metrics;
using System.Net;
using NodeNet.Testing;
using Xunit;
using NetSocket = System.Net.Sockets.Socket;
using System.Net.Sockets;

namespace NodeNet.Tests.Ipc;

/// <summary>An IPC peer that is not NodeNet, and wants harm: descriptors that are not what their frame announces, and
/// descriptors attached to frames that announce none. The process lives, the channel's descriptors stay bounded, and
/// every descriptor nobody takes is closed and counted.</summary>
[Collection("metrics")] // counts the process-wide NodeNet meter
public class HostileIpcTests
{
    private static readonly TimeSpan Deadline = LoopHelpers.Deadline;

    /// <summary>An IPC server whose accepted channels report their errors and handles to the test.</summary>
    private sealed class Receiver
    {
        public readonly TaskCompletionSource<Exception> Error = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public readonly List<ReceivedHandle> Handles = [];
        public readonly List<byte[]> Messages = [];
        public readonly TaskCompletionSource<Socket> Channel = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public Server Server = null!;
        public string Path = "";
    }

    /// <summary>Each arriving handle is adopted (a connection) and resumed at once, as an application that trusts its
    /// peer would: the way a non-socket descriptor used to reach epoll and abort the process.</summary>
    private static async Task<Receiver> Listen(EventLoop loop, bool adopt = true)
    {
        var r = new Receiver { Path = System.IO.Path.Combine(TestLoop.TempDir(), "ipc.sock") };
        r.Server = await loop.On(() => Net.CreateServer(new ServerOptions { Ipc = true }, channel =>
        {
            channel.On<Exception>("error", e => r.Error.TrySetResult(e));
            channel.On<byte[], ReceivedHandle?>("message", (m, h) =>
            {
                r.Messages.Add(m);
                if (h == null) return;
                r.Handles.Add(h);
                if (!adopt || h.Kind != HandleKind.Socket) return;
                var adopted = Socket.Adopt(h);
                adopted.On<Exception>("error", _ => { });
                adopted.Resume();
            });
            r.Channel.TrySetResult(channel);
        }));
        await r.Server.ListenAsync(r.Path).WaitAsync(Deadline);
        return r;
    }

    public static IEnumerable<object[]> NotWhatTheFrameSays() =>
    [
        ["a regular file as a connection", (byte)2, "file"],
        ["/dev/null as a connection", (byte)2, "devnull"],
        ["a FIFO as a connection", (byte)2, "fifo"],
        ["a UDP socket as a connection", (byte)2, "udp"],
        ["a listening TCP socket as a connection", (byte)2, "listener"],
        ["a connected TCP socket as a server", (byte)1, "connected"],
    ];

    [Theory]
    [MemberData(nameof(NotWhatTheFrameSays))]
    public async Task A_descriptor_that_is_not_what_its_frame_announces_is_closed_with_ERR_INVALID_HANDLE_TYPE(string what, byte kind, string descriptor)
    {
        _ = what;
        await using var loop = EventLoop.StartHosted();
        var r = await Listen(loop);
        using var fixture = new Descriptors();
        int fd = fixture.Make(descriptor);
        int before = RawIpcPeer.OpenDescriptors();
        using (var peer = RawIpcPeer.Connect(r.Path))
        {
            peer.Send(RawIpcPeer.Frame(kind, "take this"u8), fd);
            var error = Assert.IsAssignableFrom<INodeError>(await r.Error.Task.WaitAsync(Deadline));
            Assert.Equal("ERR_INVALID_HANDLE_TYPE", error.Code);
        }
        await loop.On(() => { });
        Assert.Empty(r.Handles); // nothing reached the application
        Assert.False(loop.Completion.IsCompleted);
        // The received copy is closed: what is open now is what was open before, less the peer's socket.
        Assert.True(RawIpcPeer.OpenDescriptors() <= before, $"{RawIpcPeer.OpenDescriptors()} descriptors open, {before} before");
        await loop.On(() => r.Server.Close());
    }

    [Fact]
    public async Task A_connected_stream_socket_sent_as_a_connection_is_adopted_and_serves()
    {
        await using var loop = EventLoop.StartHosted();
        var r = await Listen(loop, adopt: false);
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        using var client = new NetSocket(SocketType.Stream, ProtocolType.Tcp);
        client.Connect(IPAddress.Loopback, ((IPEndPoint)listener.LocalEndpoint).Port);
        using (var accepted = listener.AcceptSocket())
        using (var peer = RawIpcPeer.Connect(r.Path))
        {
            var channel = await r.Channel.Task.WaitAsync(Deadline);
            var handle = channel.ReceiveHandleAsync();
            await loop.On(() => { }); // the receive has asked: the handle waits for it instead of closing
            peer.Send(RawIpcPeer.Frame(2, "yours"u8), (int)accepted.Handle);
            var received = await handle.WaitAsync(Deadline);
            Assert.Equal("yours", System.Text.Encoding.UTF8.GetString(received.Message));
            await loop.On(() =>
            {
                var s = Socket.Adopt(received);
                s.SetEncoding("utf8");
                s.On<string>("data", d => s.End(d));
                s.Resume();
            });
        } // our copy closes; the adopted one lives on
        client.Send("through the handed-over socket"u8);
        var echo = new byte[64];
        int n = 0, got;
        client.ReceiveTimeout = 10_000;
        while ((got = client.Receive(echo, n, echo.Length - n, SocketFlags.None)) > 0) n += got;
        Assert.Equal("through the handed-over socket", System.Text.Encoding.UTF8.GetString(echo, 0, n));
        await loop.On(() => r.Server.Close());
    }

    [Fact]
    public async Task Descriptors_on_frames_that_announce_none_are_closed_and_counted_so_the_channel_stays_bounded()
    {
        await using var loop = EventLoop.StartHosted();
        var r = await Listen(loop);
        using var meter = new DiscardCounter();
        using var fixture = new Descriptors();
        int devnull = fixture.Make("devnull");
        // 48 per frame: libuv 1.44 takes up to 64 descriptors from one message, 1.52 up to 60 (a 256-byte control
        // buffer); the kernel closes what does not fit, so more than that would not reach us to be counted.
        const int PerFrame = 48;
        var many = Enumerable.Repeat(devnull, PerFrame).ToArray();
        int before = RawIpcPeer.OpenDescriptors();
        using var peer = RawIpcPeer.Connect(r.Path);
        const int Frames = 270; // 12,960 descriptors: more than this process may keep at its default limit
        int peak = 0;
        for (int i = 0; i < Frames; i++)
        {
            peer.Send(RawIpcPeer.Frame(0, "just words"u8), many);
            if (i % 20 == 19)
            {
                await loop.WaitFor(() => r.Messages.Count == i + 1);
                peak = Math.Max(peak, RawIpcPeer.OpenDescriptors());
            }
        }
        await loop.WaitFor(() => r.Messages.Count == Frames);
        Assert.False(r.Error.Task.IsCompleted, "the channel failed");
        Assert.True(peak - before < 200, $"{peak - before} descriptors held at the peak");
        Assert.Equal(Frames * (long)PerFrame, meter.Discarded("unannounced"));
        // A frame that does announce a handle still gets one, after all that.
        using var tcp = new TcpListener(IPAddress.Loopback, 0);
        tcp.Start();
        using var client = new NetSocket(SocketType.Stream, ProtocolType.Tcp);
        client.Connect(IPAddress.Loopback, ((IPEndPoint)tcp.LocalEndpoint).Port);
        using var accepted = tcp.AcceptSocket();
        peer.Send(RawIpcPeer.Frame(2, "a real one"u8), (int)accepted.Handle, devnull, devnull);
        await loop.WaitFor(() => r.Handles.Count == 1);
        Assert.Equal(Frames * (long)PerFrame + 2, meter.Discarded("unannounced")); // the two extra descriptors of that frame
        await loop.On(() => r.Server.Close());
    }

    [Fact]
    public async Task Destroying_an_IPC_socket_with_a_frame_in_flight_fails_every_send_once_and_the_loop_serves_on()
    {
        // A peer that never reads keeps the first frame in flight (libuv's), the second waits (ours).
        string path = System.IO.Path.Combine(TestLoop.TempDir(), "ipc.sock");
        using var listener = new NetSocket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listener.Bind(new UnixDomainSocketEndPoint(path));
        listener.Listen();
        await using var loop = EventLoop.StartHosted();
        var ipc = await loop.ConnectAsync(new ConnectOptions { Path = path, Ipc = true }).WaitAsync(Deadline);
        using var peer = listener.Accept();
        var results = new List<Exception?>();
        var bothDone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await loop.On(() =>
        {
            void Done(Exception? e) { results.Add(e); if (results.Count == 2) bothDone.TrySetResult(); }
            ipc.Send(new byte[8 << 20], Done);
            ipc.Send(new byte[10], Done);
            ipc.Destroy();
        });
        await bothDone.Task.WaitAsync(Deadline);
        await loop.On(() => { }); // the in-flight frame's completion has run
        Assert.All(results, e => Assert.IsAssignableFrom<INodeError>(e));
        Assert.Equal(2, results.Count);
        Assert.False(loop.Completion.IsCompleted, $"the loop ended: {loop.Completion.Exception?.InnerException}");
    }

    [Fact]
    public async Task Handles_nobody_takes_wait_in_a_bounded_queue_and_the_rest_are_closed_and_counted()
    {
        await using var loop = EventLoop.StartHosted();
        var path = System.IO.Path.Combine(TestLoop.TempDir(), "ipc.sock");
        var channel = new TaskCompletionSource<Socket>(TaskCreationOptions.RunContinuationsAsynchronously);
        var server = await loop.On(() => Net.CreateServer(new ServerOptions { Ipc = true }, channel.SetResult));
        await server.ListenAsync(path).WaitAsync(Deadline);
        using var meter = new DiscardCounter();
        using var tcp = new TcpListener(IPAddress.Loopback, 0);
        tcp.Start();
        using var peer = RawIpcPeer.Connect(path);
        var ipc = await channel.Task.WaitAsync(Deadline);
        const int Sent = Socket.MaxQueuedHandles + 40;
        var clients = new List<NetSocket>();
        for (int i = 0; i < Sent; i++)
        {
            var c = new NetSocket(SocketType.Stream, ProtocolType.Tcp);
            c.Connect(IPAddress.Loopback, ((IPEndPoint)tcp.LocalEndpoint).Port);
            clients.Add(c);
            using var accepted = tcp.AcceptSocket();
            peer.Send(RawIpcPeer.Frame(2, "queued"u8), (int)accepted.Handle);
        }
        await loop.WaitFor(() => meter.Discarded("queue_full") == Sent - Socket.MaxQueuedHandles);
        // The first ones wait, in order, for whoever asks.
        var first = await ipc.ReceiveHandleAsync().WaitAsync(Deadline);
        Assert.Equal("queued", System.Text.Encoding.UTF8.GetString(first.Message));
        first.Dispose();
        // The ones past the bound were closed: their clients see the end.
        clients[^1].ReceiveTimeout = 10_000;
        Assert.Equal(0, clients[^1].Receive(new byte[1]));
        foreach (var c in clients) c.Dispose();
        await loop.On(() => { ipc.Destroy(); server.Close(); });
    }


    /// <summary>Descriptors of every kind a hostile peer might send, closed at the end.</summary>
    private sealed class Descriptors : IDisposable
    {
        private readonly List<IDisposable> _owned = [];
        private readonly string _dir = TestLoop.TempDir();

        public int Make(string kind)
        {
            switch (kind)
            {
                case "file":
                    var f = File.OpenHandle(System.IO.Path.Combine(_dir, "regular"), FileMode.Create, FileAccess.ReadWrite);
                    _owned.Add(f);
                    return (int)f.DangerousGetHandle();
                case "devnull":
                    var d = File.OpenHandle("/dev/null", FileMode.Open, FileAccess.ReadWrite);
                    _owned.Add(d);
                    return (int)d.DangerousGetHandle();
                case "fifo":
                    string fifo = System.IO.Path.Combine(_dir, "fifo");
                    if (mkfifo(fifo, 0x180) != 0) throw new IOException("mkfifo failed");
                    int fd = open(fifo, 0x802 /* O_RDWR | O_NONBLOCK */);
                    _owned.Add(new Closer(fd));
                    return fd;
                case "udp":
                    var u = new NetSocket(SocketType.Dgram, ProtocolType.Udp);
                    _owned.Add(u);
                    return (int)u.Handle;
                case "listener":
                    var l = new TcpListener(IPAddress.Loopback, 0);
                    l.Start();
                    _owned.Add(new Closer(() => l.Stop()));
                    return (int)l.Server.Handle;
                case "connected":
                    var server = new TcpListener(IPAddress.Loopback, 0);
                    server.Start();
                    var c = new NetSocket(SocketType.Stream, ProtocolType.Tcp);
                    c.Connect(IPAddress.Loopback, ((IPEndPoint)server.LocalEndpoint).Port);
                    _owned.Add(c);
                    _owned.Add(new Closer(() => server.Stop()));
                    return (int)c.Handle;
                default: throw new ArgumentException(kind);
            }
        }

        public void Dispose()
        {
            foreach (var o in _owned) o.Dispose();
            Directory.Delete(_dir, recursive: true);
        }

        private sealed class Closer(Action onDispose) : IDisposable
        {
            public Closer(int fd) : this(() => close(fd)) { }
            public void Dispose() => onDispose();
        }

        [System.Runtime.InteropServices.DllImport("libc", SetLastError = true)] private static extern int mkfifo(string path, int mode);
        [System.Runtime.InteropServices.DllImport("libc", SetLastError = true)] private static extern int open(string path, int flags);
        [System.Runtime.InteropServices.DllImport("libc", SetLastError = true)] private static extern int close(int fd);
    }

    /// <summary>nodenet.ipc.handles.discarded, by reason.</summary>
    private sealed class DiscardCounter : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly Dictionary<string, long> _byReason = [];

        public DiscardCounter()
        {
            _listener.InstrumentPublished = (i, l) => { if (i.Meter.Name == NodeNetMetrics.MeterName && i.Name == "nodenet.ipc.handles.discarded") l.EnableMeasurementEvents(i); };
            _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
            {
                string reason = "";
                foreach (var t in tags) if (t.Key == "reason") reason = (string)t.Value!;
                lock (_byReason) _byReason[reason] = _byReason.GetValueOrDefault(reason) + value;
            });
            _listener.Start();
        }

        public long Discarded(string reason) { lock (_byReason) return _byReason.GetValueOrDefault(reason); }

        public void Dispose() => _listener.Dispose();
    }
}
