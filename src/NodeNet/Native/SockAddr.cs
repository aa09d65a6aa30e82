using System.Runtime.InteropServices;
using System.Text;

namespace NodeNet.Native;

/// <summary>Enough room for any socket address (sockaddr_storage is 128 bytes).</summary>
[StructLayout(LayoutKind.Sequential, Size = 128)]
internal struct SockAddrStorage
{
    private long _align;
}

/// <summary>
/// Reads and builds sockaddr_in/sockaddr_in6 through libuv's helpers. AF_INET/AF_INET6 are read
/// from addresses libuv builds, so no platform constant is hard-coded here.
/// </summary>
internal static unsafe class SockAddr
{
    public static readonly int AfInet;
    public static readonly int AfInet6;

    static SockAddr()
    {
        SockAddrStorage s;
        Parse4("0.0.0.0", 0, &s);
        AfInet = Family((byte*)&s);
        Parse6("::", 0, &s);
        AfInet6 = Family((byte*)&s);
    }

    private static readonly bool BsdLayout = OperatingSystem.IsMacOS() || OperatingSystem.IsFreeBSD();

    /// <summary>sa_family: a 16-bit field at offset 0, or a byte at offset 1 after BSD's sa_len.</summary>
    public static int Family(byte* sa) => BsdLayout ? sa[1] : *(ushort*)sa;

    /// <summary>sin_port and sin6_port both sit at offset 2 in network byte order.</summary>
    public static int Port(byte* sa) => (sa[2] << 8) | sa[3];

    public static int Parse4(string ip, int port, SockAddrStorage* dst)
    {
        Span<byte> z = stackalloc byte[64];
        if (!Utf8Z(ip, z)) return -1;
        fixed (byte* p = z) return Uv.uv_ip4_addr(p, port, (byte*)dst);
    }

    public static int Parse6(string ip, int port, SockAddrStorage* dst)
    {
        Span<byte> z = stackalloc byte[128];
        if (!Utf8Z(ip, z)) return -1;
        fixed (byte* p = z) return Uv.uv_ip6_addr(p, port, (byte*)dst);
    }

    /// <summary>Builds an address from an IP literal (already checked as one): only an IPv6 literal has a colon.</summary>
    public static int Parse(string ip, int port, SockAddrStorage* dst) =>
        ip.Contains(':') ? Parse6(ip, port, dst) : Parse4(ip, port, dst);

    public static string Address(byte* sa)
    {
        byte* buf = stackalloc byte[64];
        int fam = Family(sa);
        int rc = fam == AfInet6 ? Uv.uv_ip6_name(sa, buf, 64) : Uv.uv_ip4_name(sa, buf, 64);
        return rc == 0 ? Marshal.PtrToStringUTF8((nint)buf)! : "";
    }

    public static string FamilyName(byte* sa) => Family(sa) == AfInet6 ? "IPv6" : "IPv4";

    /// <summary>Writes s as NUL-terminated UTF-8; false if it does not fit or holds a NUL.</summary>
    public static bool Utf8Z(string s, Span<byte> dst)
    {
        if (s.Contains('\0')) return false;
        if (Encoding.UTF8.GetByteCount(s) + 1 > dst.Length) return false;
        int n = Encoding.UTF8.GetBytes(s, dst);
        dst[n] = 0;
        return true;
    }
}
