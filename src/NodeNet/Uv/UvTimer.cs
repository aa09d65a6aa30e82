using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using NodeNet.Native;

namespace NodeNet.Uv;

internal sealed unsafe class UvTimer : UvHandle
{
    private readonly Action _callback;

    public UvTimer(UvLoop loop, Action callback) : base(loop, UvHandleType.Timer)
    {
        _callback = callback;
        CompleteInit(Native.Uv.uv_timer_init(loop.Ptr, Ptr), "uv_timer_init");
    }

    public void Start(ulong timeoutMs, ulong repeatMs)
    {
        if (IsClosing) return;
        // uv_timer_start counts from the loop's cached time; refresh it so time spent in this callback is not lost.
        Native.Uv.uv_update_time(Loop.Ptr);
        Native.Uv.uv_timer_start(Ptr, &OnTimerNative, timeoutMs, repeatMs);
    }

    public void Stop()
    {
        if (!IsClosing) Native.Uv.uv_timer_stop(Ptr);
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void OnTimerNative(nint handle)
    {
        var self = FromPtr<UvTimer>(handle);
        var loop = self.Loop.Owner;
        if (!loop.UserCallbacksAllowed) return;
        try { self._callback(); }
        catch (Exception e) { loop.ReportUncaught(e); }
        loop.AfterCallback();
    }
}
