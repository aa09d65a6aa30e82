using System.Text;

namespace NodeNet;

/// <summary>Node's Buffer encodings: names, string → bytes, and a StringDecoder that keeps split characters.</summary>
internal static class NodeEncoding
{
    /// <summary>Canonical name for a Node encoding name (case-insensitive aliases), or null if unknown.</summary>
    public static string? Normalize(string? name) => name?.ToLowerInvariant() switch
    {
        null => null,
        "utf8" or "utf-8" => "utf8",
        "ucs2" or "ucs-2" or "utf16le" or "utf-16le" => "utf16le",
        "latin1" or "binary" => "latin1",
        "ascii" => "ascii",
        "base64" => "base64",
        "base64url" => "base64url",
        "hex" => "hex",
        _ => null,
    };

    public static string Require(string name, string argName = "encoding") =>
        Normalize(name) ?? throw NodeErrors.UnknownEncoding(name);

    /// <summary>Buffer.from(string, encoding).</summary>
    public static byte[] GetBytes(string s, string encoding) => Require(encoding) switch
    {
        "utf8" => Encoding.UTF8.GetBytes(s),
        "utf16le" => Encoding.Unicode.GetBytes(s),
        "latin1" or "ascii" => s.Select(c => (byte)c).ToArray(),
        "base64" or "base64url" => Base64Lenient(s),
        "hex" => HexLenient(s),
        _ => throw NodeErrors.UnknownEncoding(encoding),
    };

    /// <summary>buffer.toString(encoding).</summary>
    public static string GetString(byte[] bytes, string encoding)
    {
        var decoder = new StringDecoder(encoding);
        return decoder.Write(bytes) + decoder.End();
    }

    // Node decodes base64 leniently: url-safe characters, missing padding and stray characters are accepted.
    private static byte[] Base64Lenient(string s)
    {
        var sb = new StringBuilder(s.Length + 3);
        foreach (char c in s)
        {
            if (c is >= 'A' and <= 'Z' or >= 'a' and <= 'z' or >= '0' and <= '9' or '+' or '/') sb.Append(c);
            else if (c == '-') sb.Append('+');
            else if (c == '_') sb.Append('/');
            else if (c == '=') break;
        }
        if (sb.Length % 4 == 1) sb.Length--;
        while (sb.Length % 4 != 0) sb.Append('=');
        return Convert.FromBase64String(sb.ToString());
    }

    // Node stops at the first byte that is not a pair of hex digits.
    private static byte[] HexLenient(string s)
    {
        var bytes = new List<byte>(s.Length / 2);
        for (int i = 0; i + 1 < s.Length; i += 2)
        {
            int hi = HexValue(s[i]), lo = HexValue(s[i + 1]);
            if (hi < 0 || lo < 0) break;
            bytes.Add((byte)(hi << 4 | lo));
        }
        return [.. bytes];
    }

    private static int HexValue(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => -1,
    };
}
