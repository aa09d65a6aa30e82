using System.Runtime.InteropServices;
using NodeNet.Native;

namespace NodeNet.Uv;

/// <summary>
/// One uv_loop_t, its thread, and the counts of live native objects (for tests and diagnostics).
/// Every wrapper created on this loop must be used from <see cref="ThreadId"/> only.
/// </summary>
internal sealed unsafe partial class UvLoop
{
    public readonly nint Ptr;
    public readonly IUvLoopOwner Owner;
    public int ThreadId;

    [ThreadStatic] private static UvLoop? t_running;

    /// <summary>The loop whose uv_run is on this thread's stack: every libuv callback runs inside one, so a callback that
    /// has only its request's pointer (requests carry no loop) finds its loop here.</summary>
    public static UvLoop? Current => t_running;

    public int LiveHandles;
    public int LiveRequests;
    public int LiveGCHandles;

    /// <summary>
    /// One read buffer shared by every stream of the loop: on Unix libuv calls read_cb right after
    /// alloc_cb for the same stream, so the buffer is free again before the next alloc.
    /// </summary>
    public readonly byte* ReadBuffer;
    public const int ReadBufferSize = 64 * 1024;

    public readonly RequestPool Requests;

    public UvLoop(IUvLoopOwner owner)
    {
        LibuvLoader.EnsureLoaded();
        Owner = owner;
        ThreadId = Environment.CurrentManagedThreadId;
        Ptr = (nint)NativeMemory.AllocZeroed(Native.Uv.uv_loop_size());
        int rc = Native.Uv.uv_loop_init(Ptr);
        if (rc != 0)
        {
            NativeMemory.Free((void*)Ptr);
            throw NodeNetException.FromUv(rc, "uv_loop_init");
        }
        // Idle-time accounting, as Node turns it on for performance.eventLoopUtilization(): two clock reads per turn.
        Native.Uv.uv_loop_configure(Ptr, UvLoopOption.MetricsIdleTime);
        StartedAt = Native.Uv.uv_hrtime();
        ReadBuffer = (byte*)NativeMemory.Alloc(ReadBufferSize);
        Requests = new RequestPool(this);
    }

    /// <summary>uv_hrtime() when the loop was made (ns): where its utilization starts counting.</summary>
    public readonly ulong StartedAt;

    // Metrics may be read from any thread; this gate keeps a reader off a loop that is being freed.
    private readonly object _metricsGate = new();
    private bool _freed;

    /// <summary>Any thread: idle time (ns) and, with libuv 1.45 or later, the loop's event counters; null once freed.</summary>
    public (ulong idleNs, UvMetrics? counters, ulong now)? ReadMetrics()
    {
        lock (_metricsGate)
        {
            if (_freed) return null;
            ulong idle = Native.Uv.uv_metrics_idle_time(Ptr);
            UvMetrics? counters = null;
            if (LibuvFeatures.MetricsInfo) { UvMetrics m; Native.Uv.uv_metrics_info(Ptr, &m); counters = m; }
            return (idle, counters, Native.Uv.uv_hrtime());
        }
    }

    public bool IsLoopThread => Environment.CurrentManagedThreadId == ThreadId;

    public void VerifyThread()
    {
        if (Environment.CurrentManagedThreadId != ThreadId)
            throw new InvalidOperationException(
                $"This NodeNet object belongs to the event loop on thread {ThreadId} and was used from thread " +
                $"{Environment.CurrentManagedThreadId}. Call the Node-style API from the loop thread (inside a callback or " +
                "EventLoop.Post), or use the Task-based methods, which may be called from any thread.");
    }

    public int Run(UvRunMode mode)
    {
        var outer = t_running;
        t_running = this;
        try { return Native.Uv.uv_run(Ptr, mode); }
        finally { t_running = outer; }
    }
    public void Stop() => Native.Uv.uv_stop(Ptr);
    public bool Alive => Native.Uv.uv_loop_alive(Ptr) != 0;
    /// <summary>Now, in ms. libuv caches the loop time once per turn; after a slow callback that cached time is stale,
    /// so timers are armed (and idle periods measured) from a refreshed one, as Node does.</summary>
    public ulong Now
    {
        get
        {
            Native.Uv.uv_update_time(Ptr);
            return Native.Uv.uv_now(Ptr);
        }
    }

    /// <summary>Starts closing every handle still open; their close callbacks run on the next loop turns.</summary>
    public void CloseAllHandles() => Native.Uv.uv_walk(Ptr, &CloseWalk, 0);

    [UnmanagedCallersOnly(CallConvs = [typeof(System.Runtime.CompilerServices.CallConvCdecl)])]
    private static void CloseWalk(nint handle, nint arg)
    {
        try
        {
            if (Native.Uv.uv_is_closing(handle) == 0) UvHandle.FromPtr(handle).Close();
        }
        catch (Exception e) { Environment.FailFast("NodeNet: closing a handle during loop teardown failed", e); }
    }

    /// <summary>Frees the loop once every handle has closed; false if libuv still holds some (EBUSY). Requests go last:
    /// writes in flight complete (ECANCELED) only as their handles close, and still need their memory and pool slot.</summary>
    public bool TryDispose()
    {
        if (Native.Uv.uv_loop_close(Ptr) != 0) return false;
        lock (_metricsGate) _freed = true;
        Requests.Dispose();
        NativeMemory.Free((void*)Ptr);
        NativeMemory.Free(ReadBuffer);
        return true;
    }
}
