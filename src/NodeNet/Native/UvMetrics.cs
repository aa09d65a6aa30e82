using System.Runtime.InteropServices;

namespace NodeNet.Native;

/// <summary>uv_metrics_t (libuv 1.45): three counters, then private room libuv may grow into.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct UvMetrics
{
    public ulong LoopCount;
    public ulong Events;
    public ulong EventsWaiting;
    private fixed ulong _reserved[13];
}
