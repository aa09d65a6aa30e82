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
    // Variadic in C; UV_METRICS_IDLE_TIME takes no further argument, so the fixed part is the whole call.
    [LibraryImport(Lib)] internal static partial int uv_loop_configure(nint loop, UvLoopOption option);
    [LibraryImport(Lib)] internal static partial ulong uv_metrics_idle_time(nint loop);
    /// <summary>libuv 1.45. Call only when <see cref="LibuvFeatures.MetricsInfo"/>.</summary>
    [LibraryImport(Lib), LibuvSince(1, 45)] internal static partial int uv_metrics_info(nint loop, UvMetrics* metrics);
    [LibraryImport(Lib)] internal static partial void uv_walk(nint loop, delegate* unmanaged[Cdecl]<nint, nint, void> walkCb, nint arg);
}
