using System.Globalization;
using System.Net;

namespace NodeNet;

/// <summary>
/// The host and port the WHATWG URL parser finds in <c>http://input</c>, which is how Node's SocketAddress.parse reads
/// its input: trailing spaces and controls trimmed (leading ones follow "http://", so they stay and fail), tabs and newlines dropped, the authority ending at '/', '?', '#'
/// or '\', user info before the last '@' ignored, an IPv6 host in brackets, an IPv4 host in any of the URL's number
/// forms (decimal, 0x hex, 0 octal; fewer than four parts). A name comes back as it is, lowercased, for the caller to
/// refuse. Null where the URL parser fails.
/// </summary>
internal static class UrlHostPort
{
    public static (string host, int port)? Parse(string input)
    {
        string s = new string(input.TrimEnd('\u0000', '\u0001', '\u0002', '\u0003', '\u0004', '\u0005', '\u0006', '\u0007', '\u0008', '\t', '\n',
            '\u000b', '\u000c', '\r', '\u000e', '\u000f', '\u0010', '\u0011', '\u0012', '\u0013', '\u0014', '\u0015', '\u0016', '\u0017', '\u0018',
            '\u0019', '\u001a', '\u001b', '\u001c', '\u001d', '\u001e', '\u001f', ' ').Where(c => c is not ('\t' or '\n' or '\r')).ToArray());
        int end = s.IndexOfAny(['/', '?', '#', '\\']);
        string authority = end < 0 ? s : s[..end];
        int at = authority.LastIndexOf('@');
        if (at >= 0) authority = authority[(at + 1)..];
        string host, portText = "";
        if (authority.StartsWith('['))
        {
            int close = authority.IndexOf(']');
            if (close < 0) return null;
            host = authority[..(close + 1)];
            string rest = authority[(close + 1)..];
            if (rest.Length > 0) { if (rest[0] != ':') return null; portText = rest[1..]; }
            string inner = host[1..^1];
            if (inner.Contains('%') || !IPAddress.TryParse(inner, out var v6) || v6.AddressFamily != System.Net.Sockets.AddressFamily.InterNetworkV6)
                return null;
            host = "[" + v6 + "]";
        }
        else
        {
            int colon = authority.IndexOf(':');
            host = colon < 0 ? authority : authority[..colon];
            if (colon >= 0) portText = authority[(colon + 1)..];
            if (host.Length == 0) return null;
            host = Uri.UnescapeDataString(host).ToLowerInvariant();
            if (EndsInNumber(host)) { if (ParseIPv4(host) is not { } v4) return null; host = v4; }
            else if (host.IndexOfAny(['\u0000', ' ', '#', '%', '/', ':', '<', '>', '?', '@', '[', '\\', ']', '^', '|']) >= 0) return null;
        }
        int port = 0;
        if (portText.Length > 0)
        {
            if (!portText.All(char.IsAsciiDigit)) return null;
            string digits = portText.TrimStart('0');
            if (digits.Length > 5 || (digits.Length > 0 && int.Parse(digits, CultureInfo.InvariantCulture) > 65535)) return null;
            port = digits.Length == 0 ? 0 : int.Parse(digits, CultureInfo.InvariantCulture);
            if (port == 80) port = 0; // http's default port: the URL reports none, and Node reads that as 0
        }
        return (host, port);
    }

    private static bool EndsInNumber(string host)
    {
        var parts = host.Split('.').ToList();
        if (parts.Count > 1 && parts[^1].Length == 0) parts.RemoveAt(parts.Count - 1);
        string last = parts[^1];
        return (last.Length > 0 && last.All(char.IsAsciiDigit)) || ParsePart(last) != null;
    }

    /// <summary>The URL standard's IPv4 parser: up to four parts, each decimal, 0x hex or 0-led octal; the last fills the rest.</summary>
    private static string? ParseIPv4(string host)
    {
        var parts = host.Split('.').ToList();
        if (parts.Count > 1 && parts[^1].Length == 0) parts.RemoveAt(parts.Count - 1);
        if (parts.Count > 4) return null;
        var numbers = new List<ulong>();
        foreach (string part in parts)
        {
            if (ParsePart(part) is not { } n) return null;
            numbers.Add(n);
        }
        for (int i = 0; i < numbers.Count - 1; i++) if (numbers[i] > 255) return null;
        if (numbers[^1] >= (1UL << (8 * (5 - numbers.Count)))) return null;
        ulong address = numbers[^1];
        for (int i = 0; i < numbers.Count - 1; i++) address += numbers[i] << (8 * (3 - i));
        return $"{address >> 24}.{(address >> 16) & 255}.{(address >> 8) & 255}.{address & 255}";
    }

    private static ulong? ParsePart(string part)
    {
        if (part.Length == 0) return null;
        int radix = 10;
        if (part.Length >= 2 && part[0] == '0' && part[1] is 'x' or 'X') { part = part[2..]; radix = 16; }
        else if (part.Length >= 2 && part[0] == '0') { part = part[1..]; radix = 8; }
        if (part.Length == 0) return 0;
        ulong value = 0;
        foreach (char c in part)
        {
            int d = char.IsAsciiDigit(c) ? c - '0' : c is >= 'a' and <= 'f' ? c - 'a' + 10 : c is >= 'A' and <= 'F' ? c - 'A' + 10 : 99;
            if (d >= radix) return null;
            value = value * (ulong)radix + (ulong)d;
            if (value > uint.MaxValue * 256UL) return null; // already too large for any position
        }
        return value;
    }
}
