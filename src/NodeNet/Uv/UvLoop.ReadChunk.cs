using System.Runtime.InteropServices;

namespace NodeNet.Uv;

// A stream that reads whole 64 KiB buffers (a stream of bulk data) reads straight into the managed array its 'data'
// listener will own, so a full read is never copied (issue 26: the copy out of the shared native buffer was most of
// NodeNet's own cost per chunk). The array is the loop's, pinned only from alloc_cb to read_cb (libuv calls them back to
// back for one stream); when a read fills it, the stream takes it and the next such read gets a new one. A short read
// copies out as before and leaves the array to the loop. Streams of small messages keep using the native buffer: no
// pin, no array.
internal sealed unsafe partial class UvLoop
{
    private byte[]? _readChunk;
    private GCHandle _readChunkPin;
    private byte* _readChunkBase;

    /// <summary>alloc_cb: the loop's read chunk, pinned until <see cref="UnpinReadChunk"/>; null when it is already lent
    /// (the caller then uses <see cref="ReadBuffer"/>).</summary>
    public byte* PinReadChunk(out int length)
    {
        length = 0;
        if (_readChunkPin.IsAllocated) return null;
        _readChunk ??= GC.AllocateUninitializedArray<byte>(ReadBufferSize);
        _readChunkPin = GCHandle.Alloc(_readChunk, GCHandleType.Pinned);
        _readChunkBase = (byte*)_readChunkPin.AddrOfPinnedObject();
        length = ReadBufferSize;
        return _readChunkBase;
    }

    /// <summary>read_cb: whether <paramref name="data"/> is the loop's pinned read chunk.</summary>
    public bool IsReadChunk(byte* data) => _readChunkPin.IsAllocated && data == _readChunkBase;

    /// <summary>read_cb, for a read that filled the chunk: the array becomes the caller's, and the loop makes a new one
    /// when it is next asked.</summary>
    public byte[] TakeReadChunk()
    {
        var chunk = _readChunk!;
        UnpinReadChunk();
        _readChunk = null;
        return chunk;
    }

    /// <summary>After every read_cb (data, EOF, error or nothing): the chunk is not pinned beyond the read.</summary>
    public void UnpinReadChunk()
    {
        if (!_readChunkPin.IsAllocated) return;
        _readChunkPin.Free();
        _readChunkBase = null;
    }
}
