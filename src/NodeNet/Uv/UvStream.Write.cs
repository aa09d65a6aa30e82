using System.Buffers;
using NodeNet.Native;

namespace NodeNet.Uv;

/// <summary>How a write went: all taken by the kernel at once, the rest queued (its request completes later), or failed.</summary>
internal enum WriteStatus { Done, Queued, Failed }

// The one write engine. Every writer of bytes (the Node-style Socket, its buffered and corked batches, the pipe view and
// with it the Kestrel transport) hands its buffers here: a vectored uv_try_write first, so what the kernel takes at once
// costs one syscall and no request; what follows goes out with one uv_write, whose request keeps the memory pinned
// until libuv is done with it (also when the loop ends first). libuv copies the uv_buf_t array, so it lives on the stack.
// When a write is queued, its owner hears of it through the request's completion, with the state given here.
internal abstract unsafe partial class UvStream
{
    /// <summary>Writes one buffer (most writes). It is pinned only while the kernel is asked, so a write taken whole holds
    /// no GCHandle at all; what is left is pinned for the request. <paramref name="written"/>: what the kernel took at once.</summary>
    public WriteStatus Write(ReadOnlyMemory<byte> data, IUvRequestOwner owner, object? state, out long written, out int error) =>
        Write(data, owner, state, out written, out error, out _);

    // As above; queued: the request that carries the rest, when queued, so that a writer that keeps no record of a write
    // the kernel took whole (the Socket's fast path) sets its State only then.
    public WriteStatus Write(ReadOnlyMemory<byte> data, IUvRequestOwner owner, object? state, out long written, out int error, out UvRequest? queued)
    {
        written = 0;
        error = 0;
        queued = null;
        if (IsClosing) { error = UvErrors.EBADF; return WriteStatus.Failed; }
        WriteStatus status;
        fixed (byte* p = data.Span)
        {
            var buf = new UvBuf(p, (nuint)data.Length);
            status = TryAll(&buf, 1, data.Length, out written, out error);
        }
        if (status != WriteStatus.Queued) return status;
        var req = Loop.Requests.Rent(UvReqType.Write, owner, state);
        req.Pin = data.Slice((int)written).Pin();
        var rest = new UvBuf((byte*)req.Pin.Pointer, (nuint)(data.Length - written));
        status = QueueAfter(req, &rest, 1, 0, out error);
        if (status == WriteStatus.Queued) queued = req;
        return status;
    }

    /// <summary>Writes several buffers in order (a batch of writes), pinned together for as long as the write needs them.</summary>
    public WriteStatus Write(ReadOnlySpan<ReadOnlyMemory<byte>> buffers, IUvRequestOwner owner, object? state, out long written, out int error)
    {
        written = 0;
        error = 0;
        if (IsClosing) { error = UvErrors.EBADF; return WriteStatus.Failed; }
        int count = buffers.Length;
        var pins = new MemoryHandle[count];
        UvBuf[]? heap = count > 64 ? new UvBuf[count] : null;
        UvBuf* stack = stackalloc UvBuf[heap == null ? count : 0];
        fixed (UvBuf* pinnedHeap = heap)
        {
            UvBuf* bufs = heap == null ? stack : pinnedHeap;
            long total = 0;
            for (int i = 0; i < count; i++)
            {
                pins[i] = buffers[i].Pin();
                bufs[i] = new UvBuf((byte*)pins[i].Pointer, (nuint)buffers[i].Length);
                total += buffers[i].Length;
            }
            var status = TryAll(bufs, count, total, out written, out error);
            if (status != WriteStatus.Queued)
            {
                foreach (var p in pins) p.Dispose();
                return status;
            }
            var req = Loop.Requests.Rent(UvReqType.Write, owner, state);
            req.Pins = pins;
            return QueueAfter(req, bufs, count, written, out error);
        }
    }

    /// <summary>Writes memory that stays where it is until the owner is told the write completed (the pipe view's pooled,
    /// pinned blocks): nothing to pin, nothing allocated.</summary>
    public WriteStatus WritePinned(UvBuf* bufs, int count, long total, IUvRequestOwner owner, object? state, out long written, out int error)
    {
        written = 0;
        error = 0;
        if (IsClosing) { error = UvErrors.EBADF; return WriteStatus.Failed; }
        var status = TryAll(bufs, count, total, out written, out error);
        if (status != WriteStatus.Queued) return status;
        return QueueAfter(Loop.Requests.Rent(UvReqType.Write, owner, state), bufs, count, written, out error);
    }

    /// <summary>uv_try_write of everything: Done when the kernel took it all, Failed on an error other than "would block",
    /// Queued (with what it took in <paramref name="written"/>) when the rest must wait.</summary>
    private WriteStatus TryAll(UvBuf* bufs, int count, long total, out long written, out int error)
    {
        written = 0;
        error = 0;
        if (total == 0) return WriteStatus.Done;
        int n = Native.Uv.uv_try_write(Ptr, bufs, (uint)count);
        if (n == total) { written = n; return WriteStatus.Done; }
        if (n < 0 && n != UvErrors.EAGAIN) { error = n; return WriteStatus.Failed; }
        written = Math.Max(n, 0);
        return WriteStatus.Queued;
    }

    /// <summary>uv_write of what follows the first <paramref name="skip"/> bytes of <paramref name="bufs"/> (whole buffers
    /// the kernel took, then the front of the next); the request is given back (and unpinned) if libuv refuses it.</summary>
    private WriteStatus QueueAfter(UvRequest req, UvBuf* bufs, int count, long skip, out int error)
    {
        int first = 0;
        while (skip >= (long)bufs[first].Length) { skip -= (long)bufs[first].Length; first++; }
        bufs[first] = new UvBuf(bufs[first].Base + skip, bufs[first].Length - (nuint)skip);
        error = Native.Uv.uv_write(req.Ptr, Ptr, bufs + first, (uint)(count - first), &UvRequest.OnDoneNative);
        if (error == 0) return WriteStatus.Queued;
        Loop.Requests.Abandon(req);
        return WriteStatus.Failed;
    }
}
