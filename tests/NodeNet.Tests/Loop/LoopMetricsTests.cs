using System.Diagnostics.Metrics;
using Xunit;

namespace NodeNet.Tests.Loop;

/// <summary>EventLoop.Utilization() (Node's performance.eventLoopUtilization()) and libuv's loop counters.</summary>
[Collection("metrics")] // the loop instruments are process-wide
public class LoopMetricsTests
{
    [Fact]
    public async Task Idle_and_active_time_and_event_counts_follow_the_loop()
    {
        var loop = EventLoop.StartHosted("metrics loop");
        var start = loop.Utilization();
        var (server, port) = await LoopHelpers.EchoServer(loop);
        for (int i = 0; i < 20; i++)
        {
            var c = await loop.ConnectAsync(port, "127.0.0.1").WaitAsync(LoopHelpers.Deadline);
            await LoopHelpers.Echo(c, "ping " + i);
            await loop.On(() => c.Destroy());
        }
        // Busy for a while on the loop thread: active time grows by at least that much.
        await loop.On(() => { var until = DateTime.UtcNow.AddMilliseconds(50); while (DateTime.UtcNow < until) { } });
        var now = loop.Utilization();
        var delta = now.Since(start);
        Assert.True(delta.Active >= TimeSpan.FromMilliseconds(50), $"active {delta.Active}");
        Assert.True(delta.Idle > TimeSpan.Zero, $"idle {delta.Idle}");
        Assert.InRange(delta.Utilization, 0.0, 1.0);
        Assert.InRange(now.Utilization, 0.0, 1.0);

        var metrics = loop.Metrics!;
        Assert.True(metrics.IdleTime >= now.Idle, $"idle went from {now.Idle} back to {metrics.IdleTime}"); // read later: never less
        if (Version.Parse(EventLoop.LibuvVersion) >= new Version(1, 45))
        {
            Assert.True(metrics.Iterations > 20, $"{metrics.Iterations} iterations");
            Assert.True(metrics.Events >= 40, $"{metrics.Events} events"); // 20 accepts and 20 reads at least
        }
        else Assert.Null(metrics.Iterations);

        // The meter sees this loop by its thread's name while it runs, and not after.
        var seen = new List<string>();
        using (var listener = new MeterListener())
        {
            listener.InstrumentPublished = (i, l) => { if (i.Name == "nodenet.loop.idle_time") l.EnableMeasurementEvents(i); };
            listener.SetMeasurementEventCallback<double>((_, v, tags, _) =>
            {
                foreach (var t in tags) if (t.Key == "nodenet.loop.thread") seen.Add((string)t.Value! + (v > 0 ? " idle" : " never idle"));
            });
            listener.Start();
            listener.RecordObservableInstruments();
            Assert.Contains("metrics loop idle", seen);
            await loop.On(() => server.Close());
            await loop.DisposeAsync();
            seen.Clear();
            listener.RecordObservableInstruments();
            Assert.DoesNotContain("metrics loop idle", seen);
        }
        Assert.Null(loop.Metrics);
        Assert.Equal(default, loop.Utilization());
    }
}
