namespace NodeNet.AspNetCore;

/// <summary>
/// Connection ids unique in the process, in the form Kestrel's own transports use: 13 characters of base 32 from a
/// counter that starts at the process's start time in ticks, so ids from different listeners, loops and restarts do not
/// repeat (logs and traces join on them).
/// </summary>
internal static class ConnectionIds
{
    private const string Digits = "0123456789ABCDEFGHIJKLMNOPQRSTUV";
    private static long s_last = DateTime.UtcNow.Ticks;

    public static string Next() => string.Create(13, Interlocked.Increment(ref s_last), static (chars, id) =>
    {
        for (int i = chars.Length - 1; i >= 0; i--, id >>= 5) chars[i] = Digits[(int)(id & 31)];
    });
}
