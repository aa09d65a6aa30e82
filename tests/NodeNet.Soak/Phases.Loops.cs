using System.Collections.Concurrent;

namespace NodeNet.Soak;

// Loops that die under load: a server on several loops, with connections arriving all the time, has its loops fail one
// after another (an uncaught exception each). Its counts must stay exact, close must wait for every live connection,
// and when it is done no thread or descriptor of its may be left.
internal static partial class Phases
{
    public static void LoopDeaths(Scale scale, Figures f)
    {
        const string P = "loops dying under load";
        // A short first run warms up what the runtime makes once (its assemblies, a poller of its own); the baseline
        // everything must return to is taken after it.
        LoopDeathRun(LoopMode.Pass, LoopFailurePolicy.Replace, seconds: 2, null);
        WaitUntil(() => Proc.ServerLoopThreads() == 0, TimeSpan.FromSeconds(30));
        var before = Proc.LoopDescriptors();
        int threads0 = Proc.ServerLoopThreads();
        foreach (var (mode, policy) in new[] { (LoopMode.Pass, LoopFailurePolicy.Replace), (LoopMode.ReusePort, LoopFailurePolicy.Replace), (LoopMode.Pass, LoopFailurePolicy.Continue) })
            LoopDeathRun(mode, policy, scale.LoopDeathSeconds, f);
        // Every loop the servers started has ended by now or soon: their threads and descriptors are gone.
        bool threadsBack = WaitUntil(() => Proc.ServerLoopThreads() <= threads0, TimeSpan.FromSeconds(30));
        bool descriptorsBack = WaitUntil(() => Proc.LoopDescriptors().Count <= before.Count, TimeSpan.FromSeconds(30));
        f.Add(P, "server loop threads above baseline afterwards", Proc.ServerLoopThreads() - threads0, threadsBack);
        f.Add(P, "sockets and loop descriptors above baseline afterwards", descriptorsBack ? "0" : Proc.Excess(before), descriptorsBack);
    }

    /// <summary>One server on 4 loops under held and churning load, whose loops other than its own fail every eighth of
    /// the run (with Continue, three at most: then only its own is left). Figures go to <paramref name="f"/> unless null.</summary>
    private static void LoopDeathRun(LoopMode mode, LoopFailurePolicy policy, int seconds, Figures? f)
    {
        const string P = "loops dying under load";
        string run = $"{mode}, {policy}";
        using var loop = EventLoop.StartHosted("soak multi-loop server");
        var failures = new ConcurrentQueue<LoopFailedException>();
        var server = loop.On(() =>
        {
            var s = Net.CreateServer(new ServerOptions { Loops = 4, LoopMode = mode, LoopFailure = policy }, c =>
            {
                c.On<Exception>("error", _ => { });
                c.On<byte[]>("data", d => { if (!c.Write(d)) { c.Pause(); c.Once("drain", () => c.Resume()); } });
            });
            s.On<Exception>("error", e => { if (e is LoopFailedException l) failures.Enqueue(l); });
            return s;
        });
        int port = server.ListenAsync(new ListenOptions { Port = 0, Host = "127.0.0.1", Backlog = 4096 }).GetAwaiter().GetResult().Port;
        int lowest = 0, highest = 0;
        using (new Timer(_ =>
        {
            try
            {
                int n = loop.On(() => server.Connections);
                lowest = Math.Min(lowest, n);
                highest = Math.Max(highest, n);
            }
            catch (Exception) { } // the server's own loop ended: a figure below says so
        }, null, 0, 20))
        {
            // Held connections (each echoing) and churn (passes in flight all the time) while loops fail.
            var held = Task.Run(() => Proc.RunNetLoad($"--mode pingpong --conns 40 --size 256 --duration {seconds} --port {port} --verify", seconds + 60));
            var churn = Task.Run(() => Proc.RunNetLoad($"--mode connrate --conns 20 --size 64 --duration {seconds} --port {port} --sources 8 --verify", seconds + 60));
            int killed = 0;
            var rng = new Random(13);
            var deadline = DateTime.UtcNow.AddSeconds(seconds - 1);
            while (DateTime.UtcNow < deadline && (policy == LoopFailurePolicy.Replace || killed < 3))
            {
                held.Wait(TimeSpan.FromMilliseconds(seconds * 1000 / 8)); // a pause between failures, not a wait for an event
                var loops = server.ServingLoops!;
                int victim = 1 + rng.Next(loops.Count - 1); // never the server's own loop
                if (loops[victim].TryPost(() => throw new InvalidOperationException("soak: this loop's code failed"))) killed++;
            }
            Task.WaitAll(held, churn);
            long served = held.Result.L("ops") + churn.Result.L("ops");
            long corrupted = held.Result.L("mismatches") + churn.Result.L("mismatches");
            bool settled = WaitUntil(() => loop.On(() => server.Connections) == 0, TimeSpan.FromSeconds(30));
            bool closed = server.CloseAsync().Wait(TimeSpan.FromSeconds(30));
            if (f == null) return;
            f.Add(P, $"{run}: loops failed (reported as 'error')", $"{killed} ({failures.Count})", failures.Count == killed && killed > 0);
            f.Add(P, $"{run}: connections lost with them", failures.Sum(e => e.ConnectionsLost));
            f.Add(P, $"{run}: round trips served, bytes corrupted", $"{served:N0}, {corrupted}", served > 0 && corrupted == 0);
            // 60 connections at most are open at once on the clients' side; the server may see a few more, whose close is
            // still on its way, but never a negative count.
            f.Add(P, $"{run}: Connections, lowest and highest seen", $"{lowest}, {highest}", lowest >= 0 && highest <= 100);
            f.Check(P, $"{run}: Connections back to exactly 0 once the load left", settled);
            f.Check(P, $"{run}: close completed", closed);
            f.Check(P, $"{run}: the server's own loop is alive", !loop.Completion.IsCompleted);
        }
    }

    /// <summary>Polls <paramref name="condition"/> (state that settles on other threads with no event to await) until it
    /// holds or <paramref name="timeout"/> passes.</summary>
    private static bool WaitUntil(Func<bool> condition, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        using var tick = new ManualResetEventSlim();
        while (!condition())
        {
            if (DateTime.UtcNow > until) return false;
            tick.Wait(10);
        }
        return true;
    }
}
