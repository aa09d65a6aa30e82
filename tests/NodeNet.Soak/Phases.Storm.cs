namespace NodeNet.Soak;

// The garbage collector compacting under traffic (pinned memory must stay pinned), and threads racing on one socket.
internal static partial class Phases
{
    public static void Storm(Scale scale, Figures f)
    {
        const string P = "GC storm and races";
        using var events = new EchoServer();
        using var pipe = new PipeEchoServer();
        int collections = 0;
        using var stop = new CancellationTokenSource();
        var storm = new Thread(() =>
        {
            var rng = new Random(1);
            var keep = new List<byte[]>();
            while (!stop.IsCancellationRequested)
            {
                for (int i = 0; i < 200; i++) keep.Add(new byte[rng.Next(16, 8192)]);
                if (keep.Count > 20_000) keep.RemoveRange(0, 10_000);
                GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
                collections++;
            }
        }) { IsBackground = true, Name = "GC storm" };
        storm.Start();
        var loads = new[]
        {
            Task.Run(() => Proc.RunNetLoad($"--mode pingpong --conns 50 --size 1024 --duration {scale.StormSeconds} --port {events.Port} --verify", scale.StormSeconds + 60)),
            Task.Run(() => Proc.RunNetLoad($"--mode pingpong --conns 50 --size 4096 --duration {scale.StormSeconds} --port {pipe.Port} --verify", scale.StormSeconds + 60)),
        };
        Task.WaitAll(loads);
        stop.Cancel();
        storm.Join();
        f.Add(P, "compacting full GCs during traffic", collections, collections > 0);
        f.Add(P, "round trips (events, pipe)", $"{loads[0].Result.L("ops"):N0}, {loads[1].Result.L("ops"):N0}",
            loads.All(l => l.Result.L("ops") > 0));
        long bad = loads.Sum(l => l.Result.L("mismatches") + l.Result.L("errors"));
        f.Add(P, "bytes corrupted or connections failed", bad, bad == 0);

        // Threads racing on one socket: write, read, dispose and destroy at once, many times over.
        using var client = EventLoop.StartHosted("soak racing client");
        int hung = 0, completed = 0;
        var payload = new byte[64];
        for (int i = 0; i < scale.RaceIterations; i++)
        {
            var socket = client.On(() => new Socket());
            socket.ConnectAsync(events.Port, "127.0.0.1").Wait(TimeSpan.FromSeconds(10));
            var go = new Barrier(4);
            var racers = new Task[]
            {
                Task.Run(async () => { go.SignalAndWait(); await socket.WriteAsync(payload); }),
                Task.Run(async () => { go.SignalAndWait(); await socket.ReadAsync(new byte[64]); }),
                Task.Run(async () => { go.SignalAndWait(); await socket.DisposeAsync(); }),
                Task.Run(() => { go.SignalAndWait(); client.Post(() => socket.Destroy()); }),
            };
            try { if (!Task.WaitAll(racers, TimeSpan.FromSeconds(10))) hung++; }
            catch (AggregateException) { } // racing a destroy, a write or read may fail: it must only finish
            completed += racers.Count(t => t.IsCompleted);
        }
        f.Add(P, "racing iterations (write, read, dispose, destroy at once)", scale.RaceIterations);
        f.Add(P, "racing calls that never completed", scale.RaceIterations * 4 - completed, hung == 0);
        f.Check(P, "the racing client's loop is alive", !client.Completion.IsCompleted);
        f.Check(P, "every server socket closed after", events.WaitDrained());
    }
}
