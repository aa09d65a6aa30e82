namespace NodeNet.Soak;

// Held connections and churn: the load comes from netload, a separate process, so all of this process's
// descriptors serve the server side.
internal static partial class Phases
{
    public static void Hold(Scale scale, Figures f)
    {
        const string P = "hold";
        int limit = Proc.RaiseDescriptorLimit();
        int n = Math.Min(scale.HeldConnections, limit - 256);
        f.Add(P, "descriptor limit (raised to the hard limit)", limit);
        using var server = new EchoServer();
        double rss0 = Proc.RssMiB();
        int peakLive = 0;
        double peakRss = rss0;
        using (new Timer(_ => { peakLive = Math.Max(peakLive, server.Live); peakRss = Math.Max(peakRss, Proc.RssMiB()); }, null, 0, 100))
        {
            var r = Proc.RunNetLoad($"--mode pingpong --conns {n} --size 64 --duration {scale.HoldSeconds} --port {server.Port} --verify",
                scale.HoldSeconds + 120);
            f.Add(P, "connections held at once", peakLive, peakLive == n);
            f.Add(P, "round trips", r.L("ops"), r.L("ops") > 0);
            f.Add(P, "fewest round trips on one connection", r.L("min_conn_ops"), r.L("min_conn_ops") >= 1);
            f.Add(P, "bytes corrupted (mismatches)", r.L("mismatches"), r.L("mismatches") == 0);
            f.Add(P, "client errors", r.L("errors"), r.L("errors") == 0);
        }
        f.Add(P, "RSS growth per held connection (KiB)", (peakRss - rss0) * 1024 / n);
        f.Check(P, "every connection closed after", server.WaitDrained());
        PeerErrors(P, server, f);
    }

    /// <summary>Connections a load generator still had open when it exited are reset by its kernel: ECONNRESET (or EPIPE
    /// for a write) is the peer leaving, anything else is a failure.</summary>
    private static void PeerErrors(string phase, EchoServer server, Figures f)
    {
        var unexpected = server.Errors.Where(e => !PeerGoneCodes.Contains(e.Key)).Select(e => $"{e.Key}×{e.Value}").ToList();
        f.Add(phase, "server socket errors (peers reset at exit)", server.Errors.IsEmpty ? "none" : string.Join(", ", server.Errors.Select(e => $"{e.Key}×{e.Value}")));
        f.Add(phase, "unexpected server errors", unexpected.Count == 0 ? "none" : string.Join(", ", unexpected), unexpected.Count == 0);
    }

    public static void Churn(Scale scale, Figures f)
    {
        const string P = "churn";
        var fds0 = Proc.Descriptors();
        long connections = 0, errors = 0, mismatches = 0;
        var rss = new List<double>();
        var sw = System.Diagnostics.Stopwatch.StartNew();
        var server = new EchoServer();
        while (connections < scale.ChurnTarget && sw.Elapsed.TotalSeconds < scale.MaxChurnSeconds)
        {
            var r = Proc.RunNetLoad($"--mode connrate --conns 50 --sources 16 --size 64 --duration {scale.ChurnChunkSeconds} --port {server.Port} --verify",
                scale.ChurnChunkSeconds + 60);
            connections += r.L("ops");
            errors += r.L("errors");
            mismatches += r.L("mismatches");
            rss.Add(Proc.RssMiB());
        }
        f.Add(P, "connections churned", connections, connections >= scale.ChurnTarget);
        f.Add(P, "connections per second", connections / sw.Elapsed.TotalSeconds);
        f.Add(P, "client errors", errors, errors == 0);
        f.Add(P, "bytes corrupted (mismatches)", mismatches, mismatches == 0);
        f.Check(P, "every connection closed after", server.WaitDrained());
        PeerErrors(P, server, f);
        // The first chunk warms up (JIT, pools); after it RSS must stay flat.
        double first = rss.Count > 1 ? rss[1] : rss[0], last = rss[^1];
        f.Add(P, "RSS after warm-up (MiB)", first);
        f.Add(P, "RSS at the end (MiB)", last, last <= first * 1.15 + 8);
        server.Server.CloseAsync().Wait(TimeSpan.FromSeconds(30));
        var d = server.DiagnosticsNextTurn();
        f.Add(P, "live handles, requests, GCHandles after close", $"{d.Handles}, {d.Requests}, {d.GCHandles}", d == new LoopDiagnostics(0, 0, 0));
        server.Loop.Dispose();
        var fds = Proc.Descriptors();
        // What NodeNet and libuv open: sockets, and epoll/eventfd (anon_inode). Pipes belong to the runtime's child
        // process plumbing for netload, and come and go with it.
        static int Ours(List<string> d) => d.Count(t => t.StartsWith("socket:", StringComparison.Ordinal) || t.StartsWith("anon_inode:", StringComparison.Ordinal));
        f.Add(P, "descriptors open before / after (all)", $"{fds0.Count} / {fds.Count}");
        f.Add(P, "sockets, epoll and eventfd descriptors before / after", $"{Ours(fds0)} / {Ours(fds)}", Ours(fds) <= Ours(fds0));
    }
}
