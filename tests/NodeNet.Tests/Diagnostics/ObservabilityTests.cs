using System.Diagnostics;
using System.Diagnostics.Metrics;
using Xunit;

namespace NodeNet.Tests.Diagnostics;

/// <summary>Metrics through a host's IMeterFactory, the connection activity, and a dead loop as state and event.
/// In the metrics collection: the meter in use is process-wide.</summary>
[Collection("metrics")]
public class ObservabilityTests
{
    private static readonly TimeSpan Deadline = LoopHelpers.Deadline;

    /// <summary>What a DI container's factory does: meters scoped to it, disposed with it.</summary>
    private sealed class TestMeterFactory : IMeterFactory
    {
        private readonly List<Meter> _meters = [];
        public Meter Create(MeterOptions options)
        {
            var meter = new Meter(new MeterOptions(options.Name) { Version = options.Version, Tags = options.Tags, Scope = this });
            lock (_meters) _meters.Add(meter);
            return meter;
        }
        public void Dispose() { lock (_meters) foreach (var m in _meters) m.Dispose(); }
    }

    [Fact]
    public async Task Metrics_go_through_the_hosts_meter_factory_and_back()
    {
        using var factory = new TestMeterFactory();
        long accepted = 0;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Scope == factory && instrument.Name == "nodenet.connections.accepted") l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((_, v, _, _) => Interlocked.Add(ref accepted, v));
        listener.Start();
        using (NodeNetMetrics.UseMeterFactory(factory))
        {
            Assert.Same(factory, NodeNetMetrics.Meter.Scope);
            await using var loop = EventLoop.StartHosted();
            var (server, port) = await LoopHelpers.EchoServer(loop);
            await using (var c = await Net.ConnectAsync(port, "127.0.0.1").WaitAsync(Deadline)) await LoopHelpers.Echo(c, "counted");
            Assert.Equal(1, Interlocked.Read(ref accepted));
            await server.CloseAsync().WaitAsync(Deadline);
        }
        Assert.Null(NodeNetMetrics.Meter.Scope); // back to the process-wide meter
        Assert.Equal(NodeNetMetrics.MeterName, NodeNetMetrics.Meter.Name);
    }

    [Fact]
    public async Task Each_connection_is_an_activity_from_accept_or_connect_to_destroy()
    {
        var stopped = new System.Collections.Concurrent.ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == NodeNetActivity.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        await using var loop = EventLoop.StartHosted();
        Activity? currentInData = null;
        var server = await loop.On(() => Net.CreateServer(s => s.On<byte[]>("data", d => { currentInData = Activity.Current; s.Write(d); })));
        int port = (await server.ListenAsync(0, "127.0.0.1").WaitAsync(Deadline)).Port;
        int clientPort;
        await using (var c = await Net.ConnectAsync(port, "127.0.0.1").WaitAsync(Deadline))
        {
            await LoopHelpers.Echo(c, "traced");
            clientPort = await loop.On(() => c.LocalPort!.Value);
        }
        await loop.WaitFor(() => server.Connections == 0);
        await server.CloseAsync().WaitAsync(Deadline);
        var mine = stopped.Where(a => a.OperationName == NodeNetActivity.ConnectionActivityName &&
            (Equals(a.GetTagItem("network.peer.port"), clientPort) || Equals(a.GetTagItem("network.peer.port"), port))).ToList();
        var inbound = Assert.Single(mine, a => a.Kind == ActivityKind.Server);
        var outbound = Assert.Single(mine, a => a.Kind == ActivityKind.Client);
        Assert.Equal("127.0.0.1", inbound.GetTagItem("network.peer.address"));
        Assert.Equal(clientPort, inbound.GetTagItem("network.peer.port"));
        Assert.Equal("tcp", inbound.GetTagItem("network.transport"));
        Assert.Equal(6L, inbound.GetTagItem("nodenet.bytes_read"));
        Assert.Equal(port, outbound.GetTagItem("network.peer.port"));
        Assert.Equal(6L, outbound.GetTagItem("nodenet.bytes_written"));
        Assert.True(inbound.Duration > TimeSpan.Zero);
        Assert.Null(currentInData); // a loop thread serves many connections: none of them is made current there
    }

    [Fact]
    public async Task A_servers_own_loop_that_dies_is_an_event_a_count_and_state()
    {
        var loop = EventLoop.StartHosted(); // no UncaughtException handler: an exception ends it
        var (server, port) = await LoopHelpers.EchoServer(loop);
        Assert.Equal((1, 0), await Task.Run(() => (server.LoopsAlive, server.FailedLoops)));
        var failed = new TaskCompletionSource<LoopFailedException>(TaskCreationOptions.RunContinuationsAsynchronously);
        server.LoopFailed += e => failed.TrySetResult(e);
        await using (var c = await Net.ConnectAsync(port, "127.0.0.1").WaitAsync(Deadline)) await LoopHelpers.Echo(c, "alive");
        loop.Post(() => throw new InvalidOperationException("the server's loop failed"));
        var error = await failed.Task.WaitAsync(Deadline);
        Assert.Equal("ERR_SERVER_LOOP_FAILED", error.Code);
        Assert.IsType<InvalidOperationException>(error.InnerException);
        Assert.Contains("the server serves no more", error.Message);
        Assert.Equal((0, 1), (server.LoopsAlive, server.FailedLoops));
        await Assert.ThrowsAnyAsync<Exception>(() => loop.Completion.WaitAsync(Deadline));
    }

    [Fact]
    public async Task One_loop_of_several_that_dies_is_an_event_beside_error()
    {
        await using var loop = EventLoop.StartHosted();
        int seen = 0;
        var server = await loop.On(() => Net.CreateServer(new ServerOptions { Loops = 2 }, s =>
        {
            s.On<Exception>("error", _ => { });
            // The second connection lands on loop 1 (round-robin), whose loop has no uncaught-exception handler.
            if (Interlocked.Increment(ref seen) == 2) throw new InvalidOperationException("user code failed on loop 1");
        }));
        var failed = new TaskCompletionSource<LoopFailedException>(TaskCreationOptions.RunContinuationsAsynchronously);
        server.LoopFailed += e => failed.TrySetResult(e);
        await loop.On(() => server.On<Exception>("error", _ => { }));
        int port = (await server.ListenAsync(0, "127.0.0.1").WaitAsync(Deadline)).Port;
        Assert.Equal(2, server.LoopsAlive);
        var a = await Net.ConnectAsync(port, "127.0.0.1").WaitAsync(Deadline);
        var b = await Net.ConnectAsync(port, "127.0.0.1").WaitAsync(Deadline);
        var error = await failed.Task.WaitAsync(Deadline);
        Assert.Equal(1, error.LoopIndex);
        Assert.Equal((1, 1), (server.LoopsAlive, server.FailedLoops));
        await a.DisposeAsync();
        await b.DisposeAsync();
        await server.CloseAsync().WaitAsync(Deadline);
    }
}
