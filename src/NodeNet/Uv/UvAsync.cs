using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using NodeNet.Native;

namespace NodeNet.Uv;

/// <summary>uv_async_t: <see cref="Send"/> is the one call any thread may make.</summary>
internal sealed unsafe class UvAsync : UvHandle
{
    private readonly Action _callback;

    public UvAsync(UvLoop loop, Action callback) : base(loop, UvHandleType.Async)
    {
        _callback = callback;
        CompleteInit(Native.Uv.uv_async_init(loop.Ptr, Ptr, &OnAsyncNative), "uv_async_init");
    }

    /// <summary>Thread-safe wake-up. The caller guarantees the handle is not yet closed.</summary>
    public void Send() => Native.Uv.uv_async_send(Ptr);

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void OnAsyncNative(nint handle)
    {
        var self = FromPtr<UvAsync>(handle);
        var loop = self.Loop.Owner;
        if (!loop.UserCallbacksAllowed) return;
        try { self._callback(); }
        catch (Exception e) { loop.ReportUncaught(e); }
        loop.AfterCallback();
    }
}
