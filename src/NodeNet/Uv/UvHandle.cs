using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using NodeNet.Native;

namespace NodeNet.Uv;

/// <summary>
/// Owns one libuv handle: native memory from uv_handle_size, a GCHandle to this object in the
/// handle's <c>data</c> field from init until the close callback, and a close-once state machine
/// (a second uv_close aborts the process). Memory and GCHandle are released only in the close
/// callback. No finalizer: libuv must only be touched from the loop thread.
/// </summary>
internal abstract unsafe class UvHandle
{
    private enum State : byte { Open, Closing, Closed }

    public readonly UvLoop Loop;
    public nint Ptr { get; private set; }
    private GCHandle _self;
    private State _state;

    protected UvHandle(UvLoop loop, UvHandleType type)
    {
        loop.VerifyThread();
        Loop = loop;
        Ptr = (nint)NativeMemory.AllocZeroed(Native.Uv.uv_handle_size(type));
        _self = GCHandle.Alloc(this);
        loop.LiveHandles++;
        loop.LiveGCHandles++;
    }

    /// <summary>Call from the derived constructor with the uv_*_init result; on failure nothing was registered with the loop.</summary>
    protected void CompleteInit(int rc, string syscall)
    {
        if (rc != 0)
        {
            Release();
            throw NodeNetException.FromUv(rc, syscall);
        }
        *(nint*)Ptr = GCHandle.ToIntPtr(_self);
    }

    public bool IsClosing => _state != State.Open;
    public bool IsClosed => _state == State.Closed;

    public static UvHandle FromPtr(nint handle) => (UvHandle)GCHandle.FromIntPtr(*(nint*)handle).Target!;
    public static T FromPtr<T>(nint handle) where T : UvHandle => Unsafe.As<T>(GCHandle.FromIntPtr(*(nint*)handle).Target!);

    /// <summary>uv_close once; later calls do nothing.</summary>
    public void Close()
    {
        if (_state != State.Open) return;
        _state = State.Closing;
        BeforeClose();
        Native.Uv.uv_close(Ptr, &OnCloseNative);
    }

    /// <summary>uv_tcp_close_reset: closes with RST. Same close-once rule as <see cref="Close"/>.</summary>
    protected int CloseReset()
    {
        if (_state != State.Open) return 0;
        int rc = Native.Uv.uv_tcp_close_reset(Ptr, &OnCloseNative);
        if (rc == 0) { _state = State.Closing; BeforeClose(); }
        return rc;
    }

    /// <summary>Runs just before uv_close, on the loop thread.</summary>
    protected virtual void BeforeClose() { }

    /// <summary>Runs in the close callback after the native memory is freed; user-visible work goes here.</summary>
    protected virtual void OnClosed() => Closed?.Invoke();

    /// <summary>The owner's reaction to the close callback (a socket's 'close' event); cleared to silence a replaced handle.</summary>
    public Action? Closed;

    public void Ref() { if (_state == State.Open) Native.Uv.uv_ref(Ptr); }
    public void Unref() { if (_state == State.Open) Native.Uv.uv_unref(Ptr); }
    public bool HasRef => _state == State.Open && Native.Uv.uv_has_ref(Ptr) != 0;

    public nint FileNo()
    {
        if (_state != State.Open) return -1;
        return Native.Uv.FileNo(Ptr);
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void OnCloseNative(nint handle)
    {
        var self = FromPtr(handle);
        self.Release();
        var loop = self.Loop.Owner;
        if (!loop.UserCallbacksAllowed) return;
        try { self.OnClosed(); }
        catch (Exception e) { loop.ReportUncaught(e); }
        loop.AfterCallback();
    }

    private void Release()
    {
        _state = State.Closed;
        NativeMemory.Free((void*)Ptr);
        Ptr = 0;
        _self.Free();
        Loop.LiveHandles--;
        Loop.LiveGCHandles--;
    }
}
