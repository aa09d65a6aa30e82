using System.Globalization;

namespace NodeNet;

/// <summary>JavaScript's Number(string), for Node's rule that a string which is not a non-negative number is a pipe path.</summary>
internal static class JsNumber
{
    public static double Parse(string s)
    {
        string t = s.Trim();
        if (t.Length == 0) return 0;
        if (t.Length > 2 && t[0] == '0' && char.ToLowerInvariant(t[1]) is 'x' or 'o' or 'b')
        {
            int radix = char.ToLowerInvariant(t[1]) switch { 'x' => 16, 'o' => 8, _ => 2 };
            double v = 0;
            foreach (char c in t[2..])
            {
                int d = char.IsAsciiDigit(c) ? c - '0' : char.IsAsciiLetter(c) ? char.ToLowerInvariant(c) - 'a' + 10 : 99;
                if (d >= radix) return double.NaN;
                v = v * radix + d;
            }
            return v;
        }
        if (t is "Infinity" or "+Infinity") return double.PositiveInfinity;
        if (t == "-Infinity") return double.NegativeInfinity;
        foreach (char c in t)
            if (!(char.IsAsciiDigit(c) || c is '.' or 'e' or 'E' or '+' or '-')) return double.NaN;
        return double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out double r) ? r : double.NaN;
    }

    /// <summary>Node's validatePort for a string: a whole number from 0 to 65535, else ERR_SOCKET_BAD_PORT naming <paramref name="name"/>.</summary>
    public static int ParsePort(string port, string name)
    {
        double n = Parse(port);
        if (port.Trim().Length == 0 || n != Math.Floor(n) || n < 0 || n > 65535) throw NodeErrors.SocketBadPort(name, port);
        return (int)n;
    }

    /// <summary>Node's isPipeName: a string whose Number() is not >= 0.</summary>
    public static bool IsPipeName(string s) => !(Parse(s) >= 0);
}
