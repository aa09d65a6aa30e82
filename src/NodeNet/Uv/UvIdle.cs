using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using NodeNet.Native;

namespace NodeNet.Uv;

internal sealed unsafe class UvIdle : UvHandle
{
    public UvIdle(UvLoop loop) : base(loop, UvHandleType.Idle) =>
        CompleteInit(Native.Uv.uv_idle_init(loop.Ptr, Ptr), "uv_idle_init");

    public void Start() { if (!IsClosing) Native.Uv.uv_idle_start(Ptr, &Noop); }
    public void Stop() { if (!IsClosing) Native.Uv.uv_idle_stop(Ptr); }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void Noop(nint handle) { }
}
