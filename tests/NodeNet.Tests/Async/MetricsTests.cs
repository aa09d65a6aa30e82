using System.Diagnostics.Metrics;
using Xunit;

namespace NodeNet.Tests.Async;

[CollectionDefinition("metrics", DisableParallelization = true)]
public class MetricsCollection { }

/// <summary>The NodeNet meter, read with a MeterListener. Runs alone, since instruments are process-wide.</summary>
[Collection("metrics")]
public class MetricsTests
{
    [Fact]
    public void Counts_match_the_traffic()
    {
        var totals = new Dictionary<string, long>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) => { if (instrument.Meter.Name == NodeNetMetrics.MeterName) l.EnableMeasurementEvents(instrument); };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            string key = instrument.Name;
            foreach (var tag in tags) key += $"[{tag.Key}={tag.Value}]";
            if (instrument.Name == "nodenet.connections.active") key += value > 0 ? "+" : "-";
            lock (totals) totals[key] = totals.GetValueOrDefault(key) + value;
        });
        listener.Start();

        TestLoop.Run(() =>
        {
            var server = Net.CreateServer(sock => sock.On<byte[]>("data", d => sock.End(d)));
            server.MaxConnections = 2;
            server.Listen(0, "127.0.0.1", () =>
            {
                int port = server.Address()!.Port;
                int closed = 0;
                for (int i = 0; i < 3; i++)
                {
                    var c = Net.Connect(port, "127.0.0.1", () => { });
                    c.Write(new byte[1000]);
                    c.Resume();
                    c.On("close", () => { if (++closed == 3) server.Close(); });
                }
            });
        });

        long Get(string key) => totals.GetValueOrDefault(key);
        Assert.Equal(2, Get("nodenet.connections.accepted"));
        Assert.Equal(1, Get("nodenet.connections.dropped[reason=max_connections]"));
        // Two accepted connections opened and closed; three clients connected (the dropped one too) and closed.
        Assert.Equal(2, Get("nodenet.connections.active[direction=inbound]+"));
        Assert.Equal(-2, Get("nodenet.connections.active[direction=inbound]-"));
        Assert.Equal(3, Get("nodenet.connections.active[direction=outbound]+"));
        Assert.Equal(-3, Get("nodenet.connections.active[direction=outbound]-"));
        // 3 clients wrote 1000 bytes each; the 2 accepted ones got their 1000 bytes echoed back.
        Assert.Equal(3 * 1000 + 2 * 1000, Get("nodenet.bytes.written"));
        Assert.Equal(2 * 1000 + 2 * 1000, Get("nodenet.bytes.read"));
        Assert.Equal(0, Get("nodenet.write_queue.bytes"));
    }
}
