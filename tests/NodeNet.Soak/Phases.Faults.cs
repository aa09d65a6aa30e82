using NetSocket = System.Net.Sockets.Socket;
using System.Net.Sockets;

namespace NodeNet.Soak;

// Peers that die mid-write, peers that reset, and a peer that never reads.
internal static partial class Phases
{
    private static readonly HashSet<string> PeerGoneCodes = ["ECONNRESET", "EPIPE"];

    public static void Kill(Scale scale, Figures f)
    {
        const string P = "kill -9 and RST";
        using var server = new EchoServer();
        int drainedRounds = 0;
        for (int r = 0; r < scale.KillRounds; r++)
        {
            using var load = Proc.StartNetLoad($"--mode stream --conns 20 --size 65536 --duration 60 --port {server.Port}");
            bool all = server.WaitAccepted(20L * (r + 1));
            load.Kill(); // SIGKILL: the peer vanishes mid-write, its kernel resets every connection
            load.WaitForExit();
            if (all && server.WaitDrained()) drainedRounds++;
        }
        f.Add(P, "netload writers killed with SIGKILL (20 connections each)", scale.KillRounds);
        f.Add(P, "rounds after which every server socket closed", drainedRounds, drainedRounds == scale.KillRounds);

        // RST mid-stream: each client writes, reads a little of the echo, then closes with SO_LINGER 0.
        long before = server.Accepted;
        int reset = 0;
        var payload = new byte[256 * 1024];
        Parallel.For(0, scale.ResetClients, new ParallelOptions { MaxDegreeOfParallelism = 8 }, _ =>
        {
            using var c = new NetSocket(SocketType.Stream, ProtocolType.Tcp);
            c.Connect("127.0.0.1", server.Port);
            c.Send(payload);
            var buf = new byte[4096];
            c.Receive(buf);
            c.LingerState = new LingerOption(true, 0);
            c.Close();
            Interlocked.Increment(ref reset);
        });
        f.Add(P, "clients reset mid-stream", reset, reset == scale.ResetClients);
        f.Check(P, "every server socket closed after the resets", server.WaitAccepted(before + reset) && server.WaitDrained());
        PeerErrors(P, server, f);
        var check = Proc.RunNetLoad($"--mode pingpong --conns 20 --size 256 --duration 1 --port {server.Port} --verify", 60);
        f.Add(P, "echo afterwards: mismatches + errors", check.L("mismatches") + check.L("errors"),
            check.L("ops") > 0 && check.L("mismatches") == 0 && check.L("errors") == 0);
    }

    public static void SlowReader(Scale scale, Figures f)
    {
        const string P = "slow reader";
        using var loop = EventLoop.StartHosted("soak writer");
        var chunk = new byte[64 * 1024];
        long maxQueued = 0, written = 0;
        int hwm = 0;
        var closed = new ManualResetEventSlim();
        var server = loop.On(() => Net.CreateServer(s =>
        {
            hwm = s.WritableHighWaterMark;
            s.On<Exception>("error", _ => { });
            s.On("close", () => closed.Set());
            void Pump()
            {
                // As an application should: write until Write returns false, then wait for 'drain'.
                while (!s.Destroyed)
                {
                    bool more = s.Write(chunk);
                    written += chunk.Length;
                    maxQueued = Math.Max(maxQueued, s.WritableLength);
                    if (!more) { s.Once("drain", Pump); return; }
                }
            }
            Pump();
        }));
        int port = server.ListenAsync(0, "127.0.0.1").GetAwaiter().GetResult().Port;
        using var reader = new NetSocket(SocketType.Stream, ProtocolType.Tcp);
        reader.Connect("127.0.0.1", port); // and never reads
        var rss = new List<double>();
        for (int i = 0; i < scale.SlowReaderSeconds * 10; i++) { closed.Wait(100); rss.Add(Proc.RssMiB()); }
        double settled = rss[Math.Min(10, rss.Count - 1)], end = rss[^1];
        f.Add(P, "bytes the server wrote before the kernel buffers filled (MiB)", loop.On(() => written) / 1048576.0);
        f.Add(P, "most bytes ever queued in NodeNet (KiB)", maxQueued / 1024.0, maxQueued <= hwm + chunk.Length);
        f.Add(P, "RSS growth after the first second (MiB)", end - settled, end - settled < 8);
        reader.Close();
        f.Check(P, "the writer's socket closed when the reader left", closed.Wait(TimeSpan.FromSeconds(30)));
        server.CloseAsync().Wait(TimeSpan.FromSeconds(30));
    }
}
