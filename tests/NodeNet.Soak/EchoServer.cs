using System.Collections.Concurrent;

namespace NodeNet.Soak;

/// <summary>
/// A Node-style echo server on a hosted loop of its own, written as an application should be: an 'error' listener on
/// every socket, and Write's backpressure honoured (pause until 'drain'). Counts what the phases check.
/// </summary>
internal sealed class EchoServer : IDisposable
{
    public readonly EventLoop Loop = EventLoop.StartHosted("soak server");
    public readonly Server Server;
    public readonly int Port;
    public readonly string? Path;
    public long Accepted, Closed;
    public readonly ConcurrentDictionary<string, int> Errors = new();
    private int _live;
    private readonly ManualResetEventSlim _drained = new(true);

    public EchoServer(string? path = null)
    {
        Server = Loop.On(() => Net.CreateServer(Serve));
        Loop.On(() => Server.On<Exception>("error", e => Count(e)));
        var address = Server.ListenAsync(path == null ? new ListenOptions { Port = 0, Host = "127.0.0.1", Backlog = 4096 }
            : new ListenOptions { Path = path, Backlog = 4096 }).GetAwaiter().GetResult();
        Port = address.Port;
        Path = path;
    }

    public int Live => Volatile.Read(ref _live);

    private readonly object _acceptGate = new();

    /// <summary>True once <paramref name="total"/> connections have been accepted since the server started.</summary>
    public bool WaitAccepted(long total, int seconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        lock (_acceptGate)
            while (Interlocked.Read(ref Accepted) < total)
                if (!Monitor.Wait(_acceptGate, deadline - DateTime.UtcNow > TimeSpan.Zero ? deadline - DateTime.UtcNow : TimeSpan.Zero)) return false;
        return true;
    }

    private void Serve(Socket s)
    {
        Interlocked.Increment(ref Accepted);
        lock (_acceptGate) Monitor.PulseAll(_acceptGate);
        if (Interlocked.Increment(ref _live) == 1) _drained.Reset();
        s.On<Exception>("error", e => Count(e));
        s.On<byte[]>("data", d =>
        {
            if (!s.Write(d)) { s.Pause(); s.Once("drain", () => s.Resume()); }
        });
        s.On("close", () =>
        {
            Closed++;
            if (Interlocked.Decrement(ref _live) == 0) _drained.Set();
        });
    }

    private void Count(Exception e) => Errors.AddOrUpdate((e as INodeError)?.Code ?? e.GetType().Name, 1, (_, n) => n + 1);

    /// <summary>True once every accepted connection has closed (within the deadline).</summary>
    public bool WaitDrained(int seconds = 30) => _drained.Wait(TimeSpan.FromSeconds(seconds));

    /// <summary>The loop's live counts on its next turn, once handles closed in this one have been freed.</summary>
    public LoopDiagnostics DiagnosticsNextTurn()
    {
        var tcs = new TaskCompletionSource<LoopDiagnostics>(TaskCreationOptions.RunContinuationsAsynchronously);
        // An immediate queued by an immediate runs on the next turn, after this turn's close callbacks.
        Loop.Post(() => Loop.SetImmediate(() => Loop.SetImmediate(() => tcs.SetResult(Loop.Diagnostics))));
        return tcs.Task.WaitAsync(TimeSpan.FromSeconds(30)).GetAwaiter().GetResult();
    }

    public void Dispose()
    {
        Server.CloseAsync().WaitAsync(TimeSpan.FromSeconds(30)).ContinueWith(_ => { }).Wait();
        Loop.Dispose();
    }
}
