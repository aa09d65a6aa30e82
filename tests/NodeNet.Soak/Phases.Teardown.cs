using NodeNet.Testing;

namespace NodeNet.Soak;

// Teardown: thousands of loops, each with a server and a client, ended while writes are pending, reads wait and calls
// are being cancelled. Managed memory, pinned objects, descriptors and loop threads return to their baseline.
// And the API fuzzer, at length.
internal static partial class Phases
{
    public static void Teardown(Scale scale, Figures f)
    {
        const string P = "teardown";
        string dir = Directory.CreateTempSubdirectory("nodenet-soak-teardown").FullName;
        var rng = new Random(9);
        var big = new byte[4 << 20];
        long baseline = 0, pinned0 = 0;
        int descriptors0 = 0, threads0 = 0;
        for (int i = 0; i < scale.TeardownRounds; i++)
        {
            if (i == 20)
            {
                // After the first rounds have warmed up the runtime (JIT, pools): the baseline everything must return to.
                baseline = Managed();
                pinned0 = GC.GetGCMemoryInfo().PinnedObjectsCount;
                descriptors0 = Proc.LoopDescriptors().Count;
                threads0 = Proc.ServerLoopThreads();
            }
            Round(rng, dir, i, big).GetAwaiter().GetResult();
        }
        WaitUntil(() => Proc.ServerLoopThreads() <= threads0 && Proc.LoopDescriptors().Count <= descriptors0, TimeSpan.FromSeconds(30)); // loops a server started end after it
        long after = Managed();
        f.Add(P, "loops started and disposed mid-flight", scale.TeardownRounds);
        f.Add(P, "managed memory after vs baseline (MiB)", $"{after / 1048576.0:0.0} vs {baseline / 1048576.0:0.0}", after - baseline < 16 << 20);
        f.Add(P, "pinned objects after vs baseline", $"{GC.GetGCMemoryInfo().PinnedObjectsCount} vs {pinned0}", GC.GetGCMemoryInfo().PinnedObjectsCount <= pinned0 + 4);
        int descriptors = Proc.LoopDescriptors().Count;
        f.Add(P, "sockets and loop descriptors above baseline", descriptors - descriptors0, descriptors <= descriptors0);
        f.Add(P, "server loop threads above baseline", Proc.ServerLoopThreads() - threads0, Proc.ServerLoopThreads() <= threads0);
        Directory.Delete(dir, recursive: true);
    }

    private static long Managed()
    {
        for (int i = 0; i < 3; i++) { GC.Collect(); GC.WaitForPendingFinalizers(); }
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    /// <summary>One loop's life: a server (one loop or two, echoing or never reading, TCP or a Unix socket), a client that
    /// writes more than the peer takes, reads, maybe uses the pipe view or disposes itself, a cancellation at a random
    /// moment, and then the loop is disposed under all of it.</summary>
    private static async Task Round(Random rng, string dir, int i, byte[] big)
    {
        var loop = EventLoop.StartHosted("soak teardown");
        try
        {
            int mode = rng.Next(5);
            bool pipe = rng.Next(3) == 0;
            var server = loop.CreateServer(new ServerOptions { PauseOnConnect = mode == 1, Loops = mode == 2 ? 2 : 1 }, s =>
            {
                s.On<Exception>("error", _ => { });
                if (mode == 0) s.On<byte[]>("data", d => s.Write(d));
            });
            var address = pipe ? await server.ListenAsync(Path.Combine(dir, $"t{i}.sock")) : await server.ListenAsync(0, "127.0.0.1");
            using var cts = new CancellationTokenSource();
            cts.CancelAfter(rng.Next(0, 20));
            try
            {
                var c = pipe ? await loop.ConnectAsync(new ConnectOptions { Path = address.Address }, cts.Token)
                    : await loop.ConnectAsync(address.Port, "127.0.0.1", cts.Token);
                var read = c.ReadAsync(new byte[1000], cts.Token).AsTask();
                var write = c.WriteAsync(big, cts.Token);
                if (mode == 3) await c.AsPipe().Output.WriteAsync(big.AsMemory(0, 1 << 20), cts.Token);
                if (mode == 4) _ = c.DisposeAsync();
                await Task.WhenAny(write, read, Task.Delay(2));
            }
            catch (Exception) { } // cancelled or refused: what matters is what the end leaves behind
        }
        finally { await loop.DisposeAsync(); }
    }

    public static void Fuzz(Scale scale, Figures f)
    {
        const string P = "API fuzzing";
        int calls = 0, refused = 0, violations = 0;
        // The fuzzer sets small listener limits: each would print a MaxListenersExceededWarning to stderr otherwise.
        Action<EmitterWarning> quiet = _ => { };
        EventEmitter.Warning += quiet;
        var codes = new HashSet<string>();
        for (int seed = 1; seed <= scale.FuzzSeeds; seed++)
        {
            var report = ApiFuzzer.RunAsync(seed, scale.FuzzCalls).GetAwaiter().GetResult();
            calls += report.Calls;
            refused += report.Refused;
            codes.UnionWith(report.Codes.Keys);
            violations += report.Violations.Count;
            foreach (var v in report.Violations.Take(5)) Console.WriteLine($"  seed {seed}: {v}");
        }
        EventEmitter.Warning -= quiet;
        f.Add(P, "random calls (seeds × calls)", $"{calls:N0} ({scale.FuzzSeeds} × {scale.FuzzCalls:N0})");
        f.Add(P, "refused with a Node code (distinct codes)", $"{refused:N0} ({codes.Count})");
        f.Add(P, "calls without a Node code, hung, or ending a loop", violations, violations == 0);
    }
}
