namespace NodeNet;

/// <summary>How busy a loop has been, as Node's <c>performance.eventLoopUtilization()</c> reports it: time spent waiting
/// for events (idle), time spent running callbacks (active), and active ÷ (idle + active).</summary>
public readonly record struct EventLoopUtilization(TimeSpan Idle, TimeSpan Active, double Utilization)
{
    /// <summary>The utilization between <paramref name="earlier"/> and this reading (Node's eventLoopUtilization(elu1)).</summary>
    public EventLoopUtilization Since(EventLoopUtilization earlier)
    {
        var idle = Idle - earlier.Idle;
        var active = Active - earlier.Active;
        double total = (idle + active).Ticks;
        return new(idle, active, total > 0 ? active.Ticks / total : 0);
    }
}

/// <summary>A loop's counters from libuv (uv_metrics_info, uv_metrics_idle_time), as of its last turn.</summary>
/// <param name="Iterations">Turns of the loop so far (null with a libuv before 1.45).</param>
/// <param name="Events">Events the loop has handled (null with a libuv before 1.45).</param>
/// <param name="EventsWaiting">Events that were waiting when the last poll returned (null with a libuv before 1.45).</param>
/// <param name="IdleTime">Time spent waiting for events.</param>
public sealed record EventLoopMetrics(long? Iterations, long? Events, long? EventsWaiting, TimeSpan IdleTime);

public sealed partial class EventLoop
{
    /// <summary>Node's <c>performance.eventLoopUtilization()</c> for this loop, from its creation. Any thread may read it;
    /// after the loop has ended it is the zero value.</summary>
    public EventLoopUtilization Utilization()
    {
        if (Uv.ReadMetrics() is not { } m) return default;
        var idle = FromNs(m.idleNs);
        var active = FromNs(m.now - Uv.StartedAt) - idle;
        if (active < TimeSpan.Zero) active = TimeSpan.Zero;
        double total = (idle + active).Ticks;
        return new(idle, active, total > 0 ? active.Ticks / total : 0);
    }

    /// <summary>libuv's counters for this loop. Any thread may read them; null after the loop has ended.</summary>
    public EventLoopMetrics? Metrics
    {
        get
        {
            if (Uv.ReadMetrics() is not { } m) return null;
            return new EventLoopMetrics((long?)m.counters?.LoopCount, (long?)m.counters?.Events, (long?)m.counters?.EventsWaiting, FromNs(m.idleNs));
        }
    }

    private static TimeSpan FromNs(ulong ns) => TimeSpan.FromTicks((long)(ns / 100));
}
