using System.Runtime.InteropServices;

namespace NodeNet.Native;

internal static unsafe partial class Uv
{
    [LibraryImport(Lib)] internal static partial int uv_async_init(nint loop, nint handle, delegate* unmanaged[Cdecl]<nint, void> asyncCb);

    /// <summary>The only libuv call that is safe from any thread.</summary>
    [LibraryImport(Lib)] internal static partial int uv_async_send(nint handle);
}
