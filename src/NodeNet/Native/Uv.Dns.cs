using System.Runtime.InteropServices;

namespace NodeNet.Native;

internal static unsafe partial class Uv
{
    [LibraryImport(Lib)]
    internal static partial int uv_getaddrinfo(nint loop, nint req,
        delegate* unmanaged[Cdecl]<nint, int, AddrInfo*, void> cb, byte* node, byte* service, AddrInfo* hints);
    [LibraryImport(Lib)] internal static partial void uv_freeaddrinfo(AddrInfo* ai);
}
