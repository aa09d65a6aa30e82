using NodeNet.Uv;

namespace NodeNet;

/// <summary>
/// What setKeepAlive stores, converted as Node 26 converts it (read from its net.js and, for what its C++ side does
/// with each value, from strace of node 26.12.1): the idle time is ~~(ms / 1000); an interval left out, or negative
/// once in seconds, is 1; a count left out or negative is 10. Zero stays zero, and libuv then refuses the three
/// (EINVAL) after turning SO_KEEPALIVE on, which Node ignores.
/// </summary>
internal readonly record struct KeepAliveSettings(int IdleSeconds, int? IntervalSeconds, int? Count)
{
    public static KeepAliveSettings From(double initialDelayMs, double? intervalMs, int? count) =>
        new(ToInt32(initialDelayMs / 1000), intervalMs is { } i ? ToInt32(i / 1000) : null, count);

    /// <summary>The keepAliveInitialDelay socket option: negative is 0, as Node's constructor and connect make it.</summary>
    public static KeepAliveSettings FromOption(double initialDelayMs) => From(initialDelayMs < 0 ? 0 : initialDelayMs, null, null);

    public void Apply(UvTcp tcp, bool enable) =>
        tcp.KeepAlive(enable, unchecked((uint)IdleSeconds),
            IntervalSeconds is >= 0 and var i ? (uint)i : 1,
            Count is >= 0 and var c ? (uint)c : 10);

    /// <summary>JavaScript's ~~x: NaN and infinities are 0, others truncated and wrapped to 32 bits.</summary>
    private static int ToInt32(double x)
    {
        if (double.IsNaN(x) || double.IsInfinity(x)) return 0;
        double t = Math.Truncate(x) % 4294967296.0;
        return unchecked((int)(uint)(long)(t < 0 ? t + 4294967296.0 : t));
    }
}
