using System.Runtime.InteropServices;

namespace NodeNet.Native;

/// <summary>IP_TOS (IPv4) and IPV6_TCLASS (IPv6) on a TCP socket, for socket.setTypeOfService / getTypeOfService.</summary>
internal static unsafe class TypeOfService
{
    private const int IpProtoIp = 0, IpProtoIpv6 = 41;
    private static int IpTos => OperatingSystem.IsLinux() ? 1 : 3;
    private static int Ipv6TClass => OperatingSystem.IsLinux() ? 67 : 36;

    /// <summary>0, or a libuv error code (ENOTSUP on Windows, which does not let applications set it).</summary>
    public static int Set(int fd, bool ipv6, int tos)
    {
        if (OperatingSystem.IsWindows()) return UvErrors.ENOTSUP;
        int rc = ipv6 ? Libc.setsockopt(fd, IpProtoIpv6, Ipv6TClass, &tos, sizeof(int)) : Libc.setsockopt(fd, IpProtoIp, IpTos, &tos, sizeof(int));
        return rc == 0 ? 0 : Uv.uv_translate_sys_error(Marshal.GetLastPInvokeError());
    }

    /// <summary>The value (0–255), or a negative libuv error code.</summary>
    public static int Get(int fd, bool ipv6)
    {
        if (OperatingSystem.IsWindows()) return UvErrors.ENOTSUP;
        int value = 0;
        uint len = sizeof(int);
        int rc = ipv6 ? Libc.getsockopt(fd, IpProtoIpv6, Ipv6TClass, &value, &len) : Libc.getsockopt(fd, IpProtoIp, IpTos, &value, &len);
        return rc == 0 ? value & 0xff : Uv.uv_translate_sys_error(Marshal.GetLastPInvokeError());
    }
}
