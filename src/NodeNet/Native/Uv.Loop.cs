using System.Runtime.InteropServices;

namespace NodeNet.Native;

internal static unsafe partial class Uv
{
    [LibraryImport(Lib)] internal static partial nuint uv_loop_size();
    [LibraryImport(Lib)] internal static partial int uv_loop_init(nint loop);
    [LibraryImport(Lib)] internal static partial int uv_loop_close(nint loop);
    [LibraryImport(Lib)] internal static partial int uv_run(nint loop, UvRunMode mode);
    [LibraryImport(Lib)] internal static partial void uv_stop(nint loop);
    [LibraryImport(Lib)] internal static partial int uv_loop_alive(nint loop);
    [LibraryImport(Lib)] internal static partial ulong uv_now(nint loop);
    [LibraryImport(Lib)] internal static partial void uv_update_time(nint loop);
    [LibraryImport(Lib)] internal static partial void uv_walk(nint loop, delegate* unmanaged[Cdecl]<nint, nint, void> walkCb, nint arg);
}
