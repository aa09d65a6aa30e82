using System.Text.RegularExpressions;

namespace NodeNet;

public static partial class Net
{
    // Node's own expressions (lib/internal/net.js): no leading zeros, no CIDR, no brackets; zone ids allowed.
    private const string V4Seg = "(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9][0-9]|[0-9])";
    private const string V4Str = "(?:" + V4Seg + "\\.){3}" + V4Seg;
    private const string V6Seg = "(?:[0-9a-fA-F]{1,4})";

    [GeneratedRegex("^" + V4Str + "\\z", RegexOptions.CultureInvariant)]
    private static partial Regex IPv4Regex();

    [GeneratedRegex("^(?:" +
        "(?:" + V6Seg + ":){7}(?:" + V6Seg + "|:)|" +
        "(?:" + V6Seg + ":){6}(?:" + V4Str + "|:" + V6Seg + "|:)|" +
        "(?:" + V6Seg + ":){5}(?::" + V4Str + "|(?::" + V6Seg + "){1,2}|:)|" +
        "(?:" + V6Seg + ":){4}(?:(?::" + V6Seg + "){0,1}:" + V4Str + "|(?::" + V6Seg + "){1,3}|:)|" +
        "(?:" + V6Seg + ":){3}(?:(?::" + V6Seg + "){0,2}:" + V4Str + "|(?::" + V6Seg + "){1,4}|:)|" +
        "(?:" + V6Seg + ":){2}(?:(?::" + V6Seg + "){0,3}:" + V4Str + "|(?::" + V6Seg + "){1,5}|:)|" +
        "(?:" + V6Seg + ":){1}(?:(?::" + V6Seg + "){0,4}:" + V4Str + "|(?::" + V6Seg + "){1,6}|:)|" +
        "(?::(?:(?::" + V6Seg + "){0,5}:" + V4Str + "|(?::" + V6Seg + "){1,7}|:))" +
        ")(?:%[0-9a-zA-Z-.:]{1,})?\\z", RegexOptions.CultureInvariant)]
    private static partial Regex IPv6Regex();

    /// <summary>net.isIP: 4 for an IPv4 address, 6 for IPv6, 0 otherwise. Never throws.</summary>
    public static int IsIP(string? input) => IsIPv4(input) ? 4 : IsIPv6(input) ? 6 : 0;

    /// <summary>net.isIPv4.</summary>
    public static bool IsIPv4(string? input) => input != null && IPv4Regex().IsMatch(input);

    /// <summary>net.isIPv6.</summary>
    public static bool IsIPv6(string? input) => input != null && IPv6Regex().IsMatch(input);
}
