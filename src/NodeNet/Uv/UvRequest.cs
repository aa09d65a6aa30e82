using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using NodeNet.Native;

namespace NodeNet.Uv;

/// <summary>Receives a request's completion on the loop thread.</summary>
internal interface IUvRequestOwner
{
    void OnRequestDone(UvRequest req, int status);
}

/// <summary>
/// A pooled write/shutdown/connect request. Its native memory (uv_req_size) lives as long as the
/// loop's pool; while in flight it is counted in <see cref="UvLoop.LiveRequests"/> and returns to
/// the pool only in its completion callback. <c>data</c> holds the request's index in the pool,
/// so no GCHandle is needed per request.
/// </summary>
internal sealed unsafe class UvRequest
{
    public readonly UvReqType Type;
    public readonly nint Ptr;
    public readonly UvLoop Loop;
    internal readonly int Index;

    public IUvRequestOwner? Owner;
    public object? State;
    /// <summary>What the request's buffers pin; released when it completes, also while its loop tears down (when no owner
    /// code runs), so a write pending at the end never keeps its memory pinned, and alive, for good.</summary>
    public MemoryHandle Pin;
    public MemoryHandle[]? Pins;

    internal void Unpin()
    {
        Pin.Dispose();
        Pin = default;
        if (Pins == null) return;
        foreach (var p in Pins) p.Dispose();
        Pins = null;
    }

    internal UvRequest(UvLoop loop, UvReqType type, int index)
    {
        Loop = loop;
        Type = type;
        Index = index;
        Ptr = (nint)NativeMemory.AllocZeroed(Native.Uv.uv_req_size(type));
        *(nint*)Ptr = index;
    }

    internal void Free() => NativeMemory.Free((void*)Ptr);

    /// <summary>Completion for uv_write, uv_shutdown, uv_tcp_connect and uv_pipe_connect (all (req, status)).</summary>
    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    internal static void OnDoneNative(nint req, int status)
    {
        // The request's loop is the one running on this thread; `data` indexes its pool.
        var loop = UvLoop.Current!;
        var r = loop.Requests.At(*(nint*)req);
        r.Unpin();
        loop.LiveRequests--;
        var owner = r.Owner;
        r.Owner = null;
        var events = loop.Owner;
        try
        {
            if (events.UserCallbacksAllowed) owner?.OnRequestDone(r, status);
        }
        catch (Exception e) { events.ReportUncaught(e); }
        finally
        {
            r.State = null;
            loop.Requests.Return(r);
        }
        if (events.UserCallbacksAllowed) events.AfterCallback();
    }
}

/// <summary>Per-loop pool of requests by type.</summary>
internal sealed class RequestPool : IDisposable
{
    private readonly UvLoop _loop;
    private readonly List<UvRequest> _all = [];
    private readonly Stack<UvRequest>[] _free = new Stack<UvRequest>[16];

    public RequestPool(UvLoop loop) => _loop = loop;

    public UvRequest Rent(UvReqType type, IUvRequestOwner owner, object? state = null)
    {
        var stack = _free[(int)type] ??= new Stack<UvRequest>();
        if (!stack.TryPop(out var r))
        {
            r = new UvRequest(_loop, type, _all.Count);
            _all.Add(r);
        }
        r.Owner = owner;
        r.State = state;
        _loop.LiveRequests++;
        return r;
    }

    /// <summary>Give back a request whose submission failed (so no callback will come).</summary>
    public void Abandon(UvRequest r)
    {
        r.Unpin();
        r.Owner = null;
        r.State = null;
        _loop.LiveRequests--;
        Return(r);
    }

    internal UvRequest At(nint index) => _all[(int)index];

    internal void Return(UvRequest r) => _free[(int)r.Type].Push(r);

    public void Dispose()
    {
        foreach (var r in _all) r.Free();
        _all.Clear();
        Array.Clear(_free);
    }
}
