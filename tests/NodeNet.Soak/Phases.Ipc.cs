using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Sockets;
using NodeNet.Testing;
using NetSocket = System.Net.Sockets.Socket;

namespace NodeNet.Soak;

// An IPC server that trusts its peers (it adopts and reads every connection handed to it) under attack by raw clients
// that are not NodeNet: truncated frames, huge length prefixes, random bytes, descriptors on frames that announce
// none, and descriptors that are not sockets. An honest NodeNet client keeps exchanging messages meanwhile.
internal static partial class Phases
{
    public static void IpcAttack(Scale scale, Figures f)
    {
        const string P = "hostile IPC peers";
        string dir = Directory.CreateTempSubdirectory("nodenet-soak-ipc").FullName;
        string path = Path.Combine(dir, "ipc.sock");
        using var loop = EventLoop.StartHosted("soak ipc server");
        long channelErrors = 0, adopted = 0;
        int openChannels = 0;
        using var allClosed = new ManualResetEventSlim(true);
        var server = loop.On(() => Net.CreateServer(new ServerOptions { Ipc = true }, channel =>
        {
            if (openChannels++ == 0) allClosed.Reset();
            channel.On("close", () => { if (--openChannels == 0) allClosed.Set(); });
            channel.On<Exception>("error", _ => Interlocked.Increment(ref channelErrors));
            channel.On<byte[], ReceivedHandle?>("message", (m, h) =>
            {
                if (h is { Kind: HandleKind.Socket })
                {
                    var s = NodeNet.Socket.Adopt(h); // trusting: read whatever came
                    s.On<Exception>("error", _ => { });
                    s.Resume();
                    s.Destroy();
                    Interlocked.Increment(ref adopted);
                }
                else h?.Dispose();
                if (h == null) channel.Send(m); // echo plain messages
            });
        }));
        server.ListenAsync(path).GetAwaiter().GetResult();
        using var discarded = new Counter("nodenet.ipc.handles.discarded");

        // The honest client: one message at a time, each echoed back whole while the attacks go on.
        using var clientLoop = EventLoop.StartHosted("soak ipc client");
        long echoed = 0, wrongEchoes = 0;
        using var stop = new CancellationTokenSource();
        var honest = Task.Run(async () =>
        {
            var c = await clientLoop.ConnectAsync(new ConnectOptions { Path = path, Ipc = true });
            var replies = System.Threading.Channels.Channel.CreateUnbounded<byte[]>();
            await clientLoop.InvokeAsync(() => c.On<byte[], ReceivedHandle?>("message", (m, _) => replies.Writer.TryWrite(m)));
            var rng = new Random(5);
            while (!stop.IsCancellationRequested)
            {
                var message = new byte[rng.Next(1, 4096)];
                rng.NextBytes(message);
                await c.SendAsync(message);
                var reply = await replies.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30));
                if (reply.AsSpan().SequenceEqual(message)) echoed++; else wrongEchoes++;
            }
            await c.DisposeAsync();
        });

        var fixture = new HostileDescriptors(dir);
        var rng = new Random(22);
        // One attack of each kind first: .NET loads its socket assemblies and starts its socket engine (descriptors of its
        // own) at the first raw client, and the attackers' own descriptors are made once. The baseline comes after.
        for (int i = 0; i < 40; i++) Attack(rng, path, fixture);
        var before = Proc.Descriptors();
        int baseline = before.Count;
        double rss0 = Proc.RssMiB(), peakRss = rss0;
        int peakDescriptors = baseline;
        var attacks = new Dictionary<string, int>();
        var sw = System.Diagnostics.Stopwatch.StartNew();
        for (int i = 0; i < scale.IpcAttacks; i++)
        {
            string kind = Attack(rng, path, fixture);
            attacks[kind] = attacks.GetValueOrDefault(kind) + 1;
            if (i % 20 == 0) { peakDescriptors = Math.Max(peakDescriptors, Proc.OpenDescriptors()); peakRss = Math.Max(peakRss, Proc.RssMiB()); }
        }
        stop.Cancel();
        bool honestDone = honest.Wait(TimeSpan.FromSeconds(60));
        // What the attackers left is closed with their channels: once every channel has closed, count again.
        bool closed = allClosed.Wait(TimeSpan.FromSeconds(60));
        loop.On(() => true); // past the close callbacks of that turn
        int after = Proc.OpenDescriptors();
        f.Add(P, "attacking connections", scale.IpcAttacks);
        f.Add(P, "attacks (kind × count)", string.Join(", ", attacks.OrderBy(a => a.Key).Select(a => $"{a.Key} × {a.Value}")));
        f.Add(P, "attack seconds", sw.Elapsed.TotalSeconds);
        f.Add(P, "descriptors received and closed (unannounced, invalid)", $"{discarded.Of("unannounced"):N0}, {discarded.Of("invalid"):N0}",
            discarded.Of("unannounced") > 0 && discarded.Of("invalid") > 0);
        f.Add(P, "handed-over connections adopted and read", adopted);
        f.Add(P, "channels closed for a protocol violation", Interlocked.Read(ref channelErrors), channelErrors > 0);
        f.Add(P, "peak descriptors above baseline", peakDescriptors - baseline, peakDescriptors - baseline < 300);
        f.Check(P, "every attacked channel closed", closed);
        f.Add(P, "descriptors above baseline afterwards", after <= baseline ? "0" : Proc.Excess(before), after <= baseline);
        f.Add(P, "RSS growth (MiB)", peakRss - rss0, peakRss - rss0 < 200);
        f.Add(P, "honest client's messages echoed whole", echoed, honestDone && echoed > 0 && honest.IsCompletedSuccessfully);
        f.Add(P, "honest client's wrong echoes", wrongEchoes, wrongEchoes == 0);
        f.Check(P, "the server's loop is alive", !loop.Completion.IsCompleted);
        fixture.Dispose();
        loop.On(() => server.Close());
        Directory.Delete(dir, recursive: true);
    }

    /// <summary>One raw client, one attack; returns its name.</summary>
    private static string Attack(Random rng, string path, HostileDescriptors fixture)
    {
        using var peer = RawIpcPeer.Connect(path);
        try
        {
            switch (rng.Next(7))
            {
                case 0:
                    peer.Send(RawIpcPeer.Frame(0, new byte[100], lengthClaimed: 1000)[..40]); // a frame cut short, then gone
                    return "truncated frame";
                case 1:
                    peer.Send(RawIpcPeer.Frame(0, [], lengthClaimed: int.MaxValue));
                    return "huge length prefix";
                case 2:
                    var junk = new byte[rng.Next(1, 8192)];
                    rng.NextBytes(junk);
                    peer.Send(junk);
                    return "random bytes";
                case 3:
                    int devnull = fixture.Get("devnull");
                    for (int i = 0; i < 8; i++) peer.Send(RawIpcPeer.Frame(0, "no handle here"u8), Enumerable.Repeat(devnull, 64).ToArray());
                    return "descriptors on frames that announce none";
                case 4:
                    peer.Send(RawIpcPeer.Frame((byte)rng.Next(1, 3), "take it"u8), fixture.Get(rng.Next(2) == 0 ? "file" : "devnull"));
                    return "a file as a handle";
                case 5:
                    peer.Send(RawIpcPeer.Frame(2, "a listener as a connection"u8), fixture.Get("listener"));
                    return "the wrong kind of socket";
                default:
                    using (var pair = fixture.ConnectedPair())
                        peer.Send(RawIpcPeer.Frame(2, "a real one, and extras"u8), (int)pair.Server.Handle, fixture.Get("devnull"));
                    return "a real connection with extra descriptors";
            }
        }
        catch (SocketException) { return "refused mid-attack"; } // the server already closed the channel: that is the point
    }

    /// <summary>Descriptors an attacker sends; made once, closed at the end.</summary>
    private sealed class HostileDescriptors(string dir) : IDisposable
    {
        private readonly Dictionary<string, IDisposable> _made = [];
        private TcpListener? _listener;

        public int Get(string kind)
        {
            if (!_made.ContainsKey(kind))
                _made[kind] = kind switch
                {
                    "devnull" => File.OpenHandle("/dev/null", FileMode.Open, FileAccess.ReadWrite),
                    "file" => File.OpenHandle(Path.Combine(dir, "regular"), FileMode.Create, FileAccess.ReadWrite),
                    _ => Listener().Server,
                };
            return (int)(_made[kind] switch { Microsoft.Win32.SafeHandles.SafeFileHandle h => h.DangerousGetHandle(), NetSocket s => s.Handle, _ => -1 });
        }

        private TcpListener Listener()
        {
            if (_listener != null) return _listener;
            _listener = new TcpListener(IPAddress.Loopback, 0);
            _listener.Start();
            return _listener;
        }

        public sealed record Pair(NetSocket Client, NetSocket Server) : IDisposable
        {
            public void Dispose() { Client.Dispose(); Server.Dispose(); }
        }

        public Pair ConnectedPair()
        {
            var c = new NetSocket(SocketType.Stream, ProtocolType.Tcp);
            c.Connect(IPAddress.Loopback, ((IPEndPoint)Listener().LocalEndpoint).Port);
            return new Pair(c, Listener().AcceptSocket());
        }

        public void Dispose()
        {
            foreach (var d in _made.Values) d.Dispose();
            _listener?.Stop();
        }
    }

    /// <summary>A NodeNet counter's total, by its reason tag.</summary>
    private sealed class Counter : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly Dictionary<string, long> _byReason = [];

        public Counter(string instrument)
        {
            _listener.InstrumentPublished = (i, l) => { if (i.Meter.Name == NodeNetMetrics.MeterName && i.Name == instrument) l.EnableMeasurementEvents(i); };
            _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
            {
                string reason = "";
                foreach (var t in tags) if (t.Key == "reason") reason = t.Value?.ToString() ?? "";
                lock (_byReason) _byReason[reason] = _byReason.GetValueOrDefault(reason) + value;
            });
            _listener.Start();
        }

        public long Of(string reason) { lock (_byReason) return _byReason.GetValueOrDefault(reason); }

        public long Total { get { lock (_byReason) return _byReason.Values.Sum(); } }

        public void Dispose() => _listener.Dispose();
    }
}
