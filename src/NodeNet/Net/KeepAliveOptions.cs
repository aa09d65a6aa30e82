namespace NodeNet;

/// <summary>
/// socket.setKeepAlive({ enable, initialDelay, interval, count }) as Node 24 and later take it. Times are in
/// milliseconds and go to the kernel in whole seconds. Left out, <see cref="Interval"/> is 1 s and <see cref="Count"/>
/// 10 probes (libuv's defaults); an <see cref="InitialDelay"/> under a second leaves the system's idle time, and then
/// the interval and count too.
/// </summary>
public sealed record KeepAliveOptions
{
    /// <summary>SO_KEEPALIVE on or off.</summary>
    public bool Enable { get; init; }
    /// <summary>Idle time before the first probe, in ms (TCP_KEEPIDLE).</summary>
    public double InitialDelay { get; init; }
    /// <summary>Time between probes, in ms (TCP_KEEPINTVL). Null: 1 s. Under a second: the settings are refused, as in Node.</summary>
    public double? Interval { get; init; }
    /// <summary>Unanswered probes before the connection is dropped (TCP_KEEPCNT). Null or negative: 10.</summary>
    public int? Count { get; init; }
}
