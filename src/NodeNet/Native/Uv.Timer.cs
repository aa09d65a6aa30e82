using System.Runtime.InteropServices;

namespace NodeNet.Native;

internal static unsafe partial class Uv
{
    [LibraryImport(Lib)] internal static partial int uv_timer_init(nint loop, nint handle);
    [LibraryImport(Lib)]
    internal static partial int uv_timer_start(nint handle, delegate* unmanaged[Cdecl]<nint, void> cb, ulong timeout, ulong repeat);
    [LibraryImport(Lib)] internal static partial int uv_timer_stop(nint handle);
    [LibraryImport(Lib)] internal static partial int uv_timer_again(nint handle);
    [LibraryImport(Lib)] internal static partial void uv_timer_set_repeat(nint handle, ulong repeat);
}
