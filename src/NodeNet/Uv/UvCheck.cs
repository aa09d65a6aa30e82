using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using NodeNet.Native;

namespace NodeNet.Uv;

/// <summary>
/// Runs setImmediate work: a check handle fires after each poll phase, and an idle handle that
/// is active while work is pending keeps that poll from blocking (Node's own arrangement).
/// </summary>
internal sealed unsafe class UvCheck : UvHandle
{
    private readonly Action _callback;
    private readonly UvIdle _idle;

    public UvCheck(UvLoop loop, Action callback) : base(loop, UvHandleType.Check)
    {
        _callback = callback;
        CompleteInit(Native.Uv.uv_check_init(loop.Ptr, Ptr), "uv_check_init");
        _idle = new UvIdle(loop);
        Native.Uv.uv_check_start(Ptr, &OnCheckNative);
        Unref();
    }

    /// <summary>Pending immediates make the poll non-blocking; referenced ones also keep the loop alive.</summary>
    public void SetPending(bool pending, bool referenced)
    {
        if (IsClosing) return;
        if (pending) _idle.Start(); else _idle.Stop();
        if (referenced) Ref(); else Unref();
    }

    protected override void BeforeClose() => _idle.Close();

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void OnCheckNative(nint handle)
    {
        var self = FromPtr<UvCheck>(handle);
        var loop = self.Loop.Owner;
        if (!loop.UserCallbacksAllowed) return;
        try { self._callback(); }
        catch (Exception e) { loop.ReportUncaught(e); }
        loop.AfterCallback();
    }
}
