namespace NodeNet;

/// <summary>A custom resolver for <see cref="ConnectOptions.Lookup"/>, as Node's <c>lookup(hostname, options, callback)</c>:
/// answer through <paramref name="callback"/>, at once or later, from any thread.</summary>
public delegate void LookupFunction(string hostname, LookupOptions options, LookupCallback callback);

/// <summary>A resolver's answer: an error, or the addresses (one is enough unless <see cref="LookupOptions.All"/> was asked).</summary>
public delegate void LookupCallback(Exception? error, IReadOnlyList<LookupAddress> addresses);

/// <summary>What a connect asks its resolver, as Node passes it to <c>lookup</c>.</summary>
/// <param name="Family">0 (either), 4 or 6.</param>
/// <param name="Hints">getaddrinfo flags (<see cref="DnsHints"/>); <see cref="DnsHints.AddrConfig"/> when neither a family
/// nor hints were given (not on Windows).</param>
/// <param name="All">True when every address is wanted (autoSelectFamily tries them in turn).</param>
public sealed record LookupOptions(int Family, int Hints, bool All);

/// <summary>One resolved address: an IP literal and its family, 4 or 6.</summary>
public readonly record struct LookupAddress(string Address, int Family);

/// <summary>dns.ADDRCONFIG, dns.V4MAPPED and dns.ALL: getaddrinfo's flags, whose values differ by platform (as Node's do).</summary>
public static class DnsHints
{
    private static readonly bool Glibc = OperatingSystem.IsLinux() || OperatingSystem.IsAndroid();

    /// <summary>Only the families the machine has an address of (AI_ADDRCONFIG).</summary>
    public static int AddrConfig { get; } = Glibc ? 0x20 : 0x400;
    /// <summary>IPv4 answers as IPv4-mapped IPv6 when IPv6 was asked and none was found (AI_V4MAPPED).</summary>
    public static int V4Mapped { get; } = Glibc ? 0x08 : 0x800;
    /// <summary>With <see cref="V4Mapped"/>: both IPv6 and mapped IPv4 answers (AI_ALL).</summary>
    public static int All { get; } = Glibc ? 0x10 : 0x100;

    /// <summary>Node's dns.lookup check: nothing but these three flags.</summary>
    internal static void Validate(int hints)
    {
        if ((hints & ~(AddrConfig | V4Mapped | All)) != 0) throw NodeErrors.InvalidArgValue("hints", (double)hints);
    }
}
