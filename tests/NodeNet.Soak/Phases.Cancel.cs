namespace NodeNet.Soak;

// Every public async member that takes a CancellationToken, cancelled at a random point (before the call, at once,
// or within a few milliseconds): each call must end, and the loop must end the run with nothing left open.
internal static partial class Phases
{
    public static void Cancel(Scale scale, Figures f)
    {
        const string P = "cancellation";
        using var server = new EchoServer();
        var loop = EventLoop.StartHosted("soak cancelling client");
        var rng = new Random(7);
        var big = new byte[4 << 20];
        var members = new (string name, Func<CancellationToken, Task> run)[]
        {
            ("Net.ConnectAsync", async t => { await using var s = await Net.ConnectAsync(server.Port, "127.0.0.1", t); }),
            ("Socket.ConnectAsync", async t => { await using var s = loop.On(() => new Socket()); await s.ConnectAsync(server.Port, "127.0.0.1", t); }),
            ("Socket.WriteAsync", t => WithSocket(loop, server.Port, s => s.WriteAsync(big, t))),
            ("Socket.ReadAsync", t => WithSocket(loop, server.Port, async s => { await s.WriteAsync(new byte[10]); await s.ReadAsync(new byte[10], t); })),
            ("Socket.EndAsync", t => WithSocket(loop, server.Port, async s => { _ = s.WriteAsync(big); await s.EndAsync(t); })),
            ("SocketStream.ReadAsync", t => WithSocket(loop, server.Port, async s => { await s.WriteAsync(new byte[10]); _ = await s.AsStream().ReadAsync(new byte[10], t); })),
            ("SocketStream.WriteAsync", t => WithSocket(loop, server.Port, async s => await s.AsStream().WriteAsync(big, t))),
            ("Server.ListenAsync", async t => { await using var sv = loop.On(() => Net.CreateServer()); await sv.ListenAsync(0, "127.0.0.1", t); }),
            ("Server.CloseAsync", async t =>
            {
                var sv = loop.On(() => Net.CreateServer());
                int port = (await sv.ListenAsync(0, "127.0.0.1")).Port;
                var c = await Net.ConnectAsync(port, "127.0.0.1");
                var leaving = c.DisposeAsync(); // the close can complete once this connection has gone
                try { await sv.CloseAsync(t); } finally { await leaving; await sv.DisposeAsync(); }
            }),
            ("Server.GetAsyncEnumerator", async t =>
            {
                await using var sv = loop.On(() => Net.CreateServer());
                int port = (await sv.ListenAsync(0, "127.0.0.1")).Port;
                var arriving = Net.ConnectAsync(port, "127.0.0.1");
                try { await foreach (var s in sv.WithCancellation(t)) { await s.DisposeAsync(); break; } }
                finally { await (await arriving).DisposeAsync(); }
            }),
        };
        var outcomes = members.ToDictionary(m => m.name, _ => new int[3]); // completed, cancelled, faulted
        int hung = 0;
        for (int i = 0; i < scale.CancelIterations; i++)
        {
            var (name, run) = members[rng.Next(members.Length)];
            using var cts = new CancellationTokenSource();
            int when = rng.Next(4);
            if (when == 0) cts.Cancel();
            else if (when == 1) cts.CancelAfter(0);
            else cts.CancelAfter(rng.Next(1, 4));
            Task task;
            try { task = run(cts.Token); } catch (Exception e) { task = Task.FromException(e); }
            try
            {
                if (!task.Wait(TimeSpan.FromSeconds(10))) { hung++; Console.WriteLine($"  hung: {name}"); continue; }
                outcomes[name][0]++;
            }
            catch (AggregateException e) when (e.InnerException is OperationCanceledException) { outcomes[name][1]++; }
            catch (AggregateException) { outcomes[name][2]++; }
        }
        f.Add(P, "cancelled calls", scale.CancelIterations);
        f.Add(P, "calls that never completed", hung, hung == 0);
        foreach (var (name, o) in outcomes) f.Add(P, $"{name}: completed / cancelled / faulted", $"{o[0]} / {o[1]} / {o[2]}");
        f.Check(P, "the client's loop is alive", !loop.Completion.IsCompleted);
        f.Check(P, "every server socket closed after", server.WaitDrained());
        var tcs = new TaskCompletionSource<LoopDiagnostics>(TaskCreationOptions.RunContinuationsAsynchronously);
        loop.Post(() => loop.SetImmediate(() => loop.SetImmediate(() => tcs.SetResult(loop.Diagnostics))));
        var d = tcs.Task.Result;
        f.Add(P, "client's live handles, requests, GCHandles", $"{d.Handles}, {d.Requests}, {d.GCHandles}", d == new LoopDiagnostics(0, 0, 0));
        loop.Dispose();
    }

    private static async Task WithSocket(EventLoop loop, int port, Func<Socket, Task> use)
    {
        var s = loop.On(() => new Socket());
        try
        {
            await s.ConnectAsync(port, "127.0.0.1");
            await use(s);
        }
        finally { loop.Post(() => s.Destroy()); }
    }
}
