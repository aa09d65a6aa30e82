using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using NodeNet.Native;

namespace NodeNet.Uv;

/// <summary>One uv_getaddrinfo lookup; the request memory is freed in its completion callback.</summary>
internal sealed unsafe class UvGetAddrInfo
{
    /// <summary>A resolved address as dns.lookup reports it.</summary>
    public readonly record struct Result(string Address, int Family);

    private readonly UvLoop _loop;
    private readonly Action<int, List<Result>> _done;
    private GCHandle _self;
    private nint _req;

    private UvGetAddrInfo(UvLoop loop, Action<int, List<Result>> done) { _loop = loop; _done = done; }

    /// <summary>Starts a lookup; <paramref name="done"/> gets (status, addresses in resolver order). family is 0, 4 or 6;
    /// flags are getaddrinfo's (<see cref="DnsHints"/>).</summary>
    public static int Start(UvLoop loop, string host, int family, int flags, Action<int, List<Result>> done)
    {
        var op = new UvGetAddrInfo(loop, done);
        op._req = (nint)NativeMemory.AllocZeroed(Native.Uv.uv_req_size(UvReqType.GetAddrInfo));
        op._self = GCHandle.Alloc(op);
        *(nint*)op._req = GCHandle.ToIntPtr(op._self);
        var hints = new AddrInfo
        {
            Family = family == 4 ? SockAddr.AfInet : family == 6 ? SockAddr.AfInet6 : 0,
            SockType = 1, // SOCK_STREAM, as dns.lookup asks
            Flags = flags,
        };
        byte[] name = UvPipe.Utf8Z(host);
        int rc;
        fixed (byte* p = name) rc = Native.Uv.uv_getaddrinfo(loop.Ptr, op._req, &OnDoneNative, p, null, &hints);
        if (rc != 0) { op.Free(); return rc; }
        loop.LiveRequests++;
        loop.LiveGCHandles++;
        return 0;
    }

    private void Free()
    {
        NativeMemory.Free((void*)_req);
        _self.Free();
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void OnDoneNative(nint req, int status, AddrInfo* res)
    {
        var op = (UvGetAddrInfo)GCHandle.FromIntPtr(*(nint*)req).Target!;
        var list = new List<Result>();
        for (var ai = res; ai != null; ai = ai->Next)
        {
            if (ai->Addr == null) continue;
            int fam = SockAddr.Family(ai->Addr);
            if (fam != SockAddr.AfInet && fam != SockAddr.AfInet6) continue;
            list.Add(new Result(SockAddr.Address(ai->Addr), fam == SockAddr.AfInet6 ? 6 : 4));
        }
        if (res != null) Native.Uv.uv_freeaddrinfo(res);
        op.Free();
        op._loop.LiveRequests--;
        op._loop.LiveGCHandles--;
        var events = op._loop.Owner;
        if (!events.UserCallbacksAllowed) return;
        try { op._done(status, list); }
        catch (Exception e) { events.ReportUncaught(e); }
        events.AfterCallback();
    }
}
