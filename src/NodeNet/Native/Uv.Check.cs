using System.Runtime.InteropServices;

namespace NodeNet.Native;

// check + idle run setImmediate callbacks: check fires after the poll phase, and an active idle
// handle makes that poll non-blocking while immediates are pending (as Node does).
internal static unsafe partial class Uv
{
    [LibraryImport(Lib)] internal static partial int uv_check_init(nint loop, nint handle);
    [LibraryImport(Lib)] internal static partial int uv_check_start(nint handle, delegate* unmanaged[Cdecl]<nint, void> cb);
    [LibraryImport(Lib)] internal static partial int uv_check_stop(nint handle);
    [LibraryImport(Lib)] internal static partial int uv_idle_init(nint loop, nint handle);
    [LibraryImport(Lib)] internal static partial int uv_idle_start(nint handle, delegate* unmanaged[Cdecl]<nint, void> cb);
    [LibraryImport(Lib)] internal static partial int uv_idle_stop(nint handle);
}
