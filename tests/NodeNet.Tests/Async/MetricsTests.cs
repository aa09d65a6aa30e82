using System.Diagnostics.Metrics;
using Xunit;

namespace NodeNet.Tests.Async;

[CollectionDefinition("metrics", DisableParallelization = true)]
public class MetricsCollection { }

/// <summary>The NodeNet meter, read with a MeterListener. Runs alone, since instruments are process-wide.</summary>
[Collection("metrics")]
public class MetricsTests
{
    private sealed record Measurement(string Name, double Value, Dictionary<string, object?> Tags);

    private static MeterListener Listen(List<Measurement> into)
    {
        var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) => { if (instrument.Meter.Name == NodeNetMetrics.MeterName) l.EnableMeasurementEvents(instrument); };
        void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            var dict = new Dictionary<string, object?>();
            foreach (var tag in tags) dict[tag.Key] = tag.Value;
            lock (into) into.Add(new Measurement(instrument.Name, value, dict));
        }
        listener.SetMeasurementEventCallback<long>((i, v, t, _) => Record(i, v, t));
        listener.SetMeasurementEventCallback<double>((i, v, t, _) => Record(i, v, t));
        listener.Start();
        return listener;
    }

    [Fact]
    public void Counts_match_the_traffic()
    {
        var all = new List<Measurement>();
        int port = 0;
        using (Listen(all))
        {
            TestLoop.Run(() =>
            {
                var server = Net.CreateServer(sock => sock.On<byte[]>("data", d => sock.End(d)));
                server.MaxConnections = 2;
                server.Listen(0, "127.0.0.1", () =>
                {
                    port = server.Address()!.Port;
                    int closed = 0;
                    for (int i = 0; i < 3; i++)
                    {
                        var c = Net.Connect(port, "127.0.0.1", () => { });
                        c.Write(new byte[1000]);
                        c.Resume();
                        // The refused one is closed with our bytes unread, so it hears RST (node 20 and 26 alike).
                        c.On<Exception>("error", e => Assert.Equal("ECONNRESET", ((NodeNetException)e).Code));
                        c.On("close", () => { if (++closed == 3) server.Close(); });
                    }
                });
            });
        }

        // Only this test's server: other tests' connections may still be closing (the meter is process-wide).
        all.RemoveAll(m => m.Tags.TryGetValue("server.port", out var p) && !Equals(p, port));
        double Sum(string name, Func<Measurement, bool>? where = null) =>
            all.Where(m => m.Name == name && (where == null || where(m))).Sum(m => m.Value);
        bool Inbound(Measurement m) => Equals(m.Tags.GetValueOrDefault("direction"), "inbound");
        bool Outbound(Measurement m) => Equals(m.Tags.GetValueOrDefault("direction"), "outbound");

        Assert.Equal(2, Sum("nodenet.connections.accepted"));
        Assert.Equal(1, Sum("nodenet.connections.dropped", m => Equals(m.Tags["reason"], "max_connections")));
        // Two accepted connections opened and closed; three clients connected (the dropped one too) and closed.
        Assert.Equal(2, Sum("nodenet.connections.active", m => Inbound(m) && m.Value > 0));
        Assert.Equal(-2, Sum("nodenet.connections.active", m => Inbound(m) && m.Value < 0));
        Assert.Equal(3, Sum("nodenet.connections.active", m => Outbound(m) && m.Value > 0));
        Assert.Equal(-3, Sum("nodenet.connections.active", m => Outbound(m) && m.Value < 0));
        // 3 clients wrote 1000 bytes each; the 2 accepted ones got their 1000 bytes echoed back.
        Assert.Equal(3 * 1000 + 2 * 1000, Sum("nodenet.bytes.written"));
        Assert.Equal(2 * 1000 + 2 * 1000, Sum("nodenet.bytes.read"));
        Assert.Equal(0, Sum("nodenet.write_queue.bytes"));

        // OpenTelemetry's connection attributes: what was listened on, over which transport.
        var accepted = all.Where(m => m.Name == "nodenet.connections.accepted").ToList();
        Assert.All(accepted, m =>
        {
            Assert.Equal("tcp", m.Tags["network.transport"]);
            Assert.Equal("ipv4", m.Tags["network.type"]);
            Assert.Equal("127.0.0.1", m.Tags["server.address"]);
            Assert.Equal(port, m.Tags["server.port"]);
        });
        Assert.All(all.Where(m => m.Name == "nodenet.connections.active" && Outbound(m)), m => Assert.Equal("127.0.0.1", m.Tags["server.address"]));
        // One duration per connection that was counted (2 inbound, 3 outbound), each a plausible number of seconds.
        var durations = all.Where(m => m.Name == "nodenet.connection.duration").ToList();
        Assert.Equal(2, durations.Count(Inbound));
        Assert.Equal(3, durations.Count(Outbound));
        Assert.All(durations, m => Assert.InRange(m.Value, 0, 20));
    }

    [Fact]
    public async Task A_connection_destroyed_by_an_error_records_its_duration_with_the_error_type()
    {
        var all = new List<Measurement>();
        using var listener = Listen(all);
        string dir = TestLoop.TempDir();
        string path = Path.Combine(dir, "m.sock");
        await using var loop = EventLoop.StartHosted();
        var serverSideClosed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var server = await loop.On(() => Net.CreateServer(s =>
        {
            s.Data += _ => s.Destroy(new InvalidDataException("bad frame"));
            s.Error += _ => { };
            s.Closed += _ => serverSideClosed.TrySetResult();
        }));
        await server.ListenAsync(path).WaitAsync(LoopHelpers.Deadline);
        var client = await Net.ConnectAsync(path).WaitAsync(LoopHelpers.Deadline);
        await client.WriteAsync(new byte[1]).WaitAsync(LoopHelpers.Deadline);
        await serverSideClosed.Task.WaitAsync(LoopHelpers.Deadline);
        await server.DisposeAsync().AsTask().WaitAsync(LoopHelpers.Deadline);
        await client.DisposeAsync().AsTask().WaitAsync(LoopHelpers.Deadline);
        lock (all)
        {
            var inbound = Assert.Single(all, m => m.Name == "nodenet.connection.duration" && Equals(m.Tags["direction"], "inbound") &&
                Equals(m.Tags.GetValueOrDefault("server.address"), path));
            Assert.Equal("unix", inbound.Tags["network.transport"]);
            Assert.Equal(path, inbound.Tags["server.address"]);
            Assert.Equal(nameof(InvalidDataException), inbound.Tags["error.type"]);
        }
        Directory.Delete(dir, true);
    }
}
