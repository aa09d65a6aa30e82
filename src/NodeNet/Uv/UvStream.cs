using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using NodeNet.Native;

namespace NodeNet.Uv;

/// <summary>What a stream reports to its owner, on the loop thread.</summary>
internal unsafe interface IUvStreamEvents
{
    /// <summary>A listening stream has a connection to accept (status 0) or an accept error.</summary>
    void OnConnection(int status);

    /// <summary>nread bytes at data; nread &lt; 0 is an error or UV_EOF. Data is only valid during the call.</summary>
    void OnRead(nint nread, byte* data);

    /// <summary>Memory of the owner's to read into, or null for the loop's shared read buffer; null with a negative
    /// length refuses the read (libuv then reports UV_ENOBUFS to <see cref="OnRead"/>).</summary>
    byte* Alloc(out int length) { length = 0; return null; }
}

/// <summary>uv_stream_t operations shared by TCP and pipes. Writes of bytes go through the one write engine
/// (UvStream.Write.cs); uv_write2 carries handles over IPC pipes.</summary>
internal abstract unsafe partial class UvStream : UvHandle
{
    public IUvStreamEvents? Events;

    protected UvStream(UvLoop loop, UvHandleType type) : base(loop, type) { }

    public int Listen(int backlog) => IsClosing ? UvErrors.EBADF : Native.Uv.uv_listen(Ptr, backlog, &OnConnectionNative);

    public int Accept(UvStream client) => Native.Uv.uv_accept(Ptr, client.Ptr);

    public int ReadStart() => IsClosing ? UvErrors.EBADF : Native.Uv.uv_read_start(Ptr, &OnAllocNative, &OnReadNative);

    public int ReadStop() => IsClosing ? 0 : Native.Uv.uv_read_stop(Ptr);

    /// <summary>uv_write with no try first, of memory the caller keeps pinned until the request completes: for frames that
    /// follow one another through the write queue (IPC messages, between frames that carry handles).</summary>
    public int WriteQueued(UvRequest req, UvBuf* bufs, int count) =>
        IsClosing ? UvErrors.EBADF : Native.Uv.uv_write(req.Ptr, Ptr, bufs, (uint)count, &UvRequest.OnDoneNative);

    /// <summary>Writes <paramref name="bufs"/> and sends <paramref name="handle"/> with them (this stream is an IPC pipe).</summary>
    public int Write2(UvRequest req, UvBuf* bufs, int count, UvStream handle) =>
        IsClosing || handle.IsClosing ? UvErrors.EBADF
        : Native.Uv.uv_write2(req.Ptr, Ptr, bufs, (uint)count, handle.Ptr, &UvRequest.OnDoneNative);

    public int Shutdown(UvRequest req) =>
        IsClosing ? UvErrors.EBADF : Native.Uv.uv_shutdown(req.Ptr, Ptr, &UvRequest.OnDoneNative);

    public long WriteQueueSize => IsClosing ? 0 : (long)Native.Uv.uv_stream_get_write_queue_size(Ptr);

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void OnConnectionNative(nint server, int status)
    {
        var self = FromPtr<UvStream>(server);
        var loop = self.Loop.Owner;
        if (!loop.UserCallbacksAllowed) return;
        try { self.Events?.OnConnection(status); }
        catch (Exception e) { loop.ReportUncaught(e); }
        loop.AfterCallback();
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void OnAllocNative(nint handle, nuint suggested, UvBuf* buf)
    {
        var self = FromPtr<UvStream>(handle);
        byte* own = null;
        int length = 0;
        try { if (self.Events is { } events) own = events.Alloc(out length); }
        catch (Exception e) { self.Loop.Owner.ReportUncaught(e); }
        *buf = own != null ? new UvBuf(own, (nuint)length)
            : length < 0 ? new UvBuf(null, 0)
            : new UvBuf(self.Loop.ReadBuffer, UvLoop.ReadBufferSize);
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void OnReadNative(nint stream, nint nread, UvBuf* buf)
    {
        var self = FromPtr<UvStream>(stream);
        var loop = self.Loop.Owner;
        bool deliver = nread != 0 && loop.UserCallbacksAllowed; // nread 0 is EAGAIN-equivalent, not EOF
        if (deliver)
        {
            try { self.Events?.OnRead(nread, buf->Base); }
            catch (Exception e) { loop.ReportUncaught(e); }
        }
        self.Loop.UnpinReadChunk(); // the chunk is pinned from alloc_cb to here, and no longer, whatever the read brought
        if (deliver) loop.AfterCallback();
    }
}
