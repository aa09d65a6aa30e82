using System.Runtime.InteropServices;

namespace NodeNet.Native;

internal static unsafe partial class Uv
{
    [LibraryImport(Lib)] internal static partial ulong uv_hrtime();
    [LibraryImport(Lib)] internal static partial int uv_ip4_addr(byte* ip, int port, byte* addr);
    [LibraryImport(Lib)] internal static partial int uv_ip6_addr(byte* ip, int port, byte* addr);
    [LibraryImport(Lib)] internal static partial int uv_ip4_name(byte* src, byte* dst, nuint size);
    [LibraryImport(Lib)] internal static partial int uv_ip6_name(byte* src, byte* dst, nuint size);
    [LibraryImport(Lib)] internal static partial int uv_inet_pton(int af, byte* src, byte* dst);
    [LibraryImport(Lib)] internal static partial int uv_os_getpid();
}
