using System.Buffers;
using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace NodeNet;

/// <summary>
/// Memory for the pipe path: blocks on the pinned object heap, so libuv can read into and write from
/// them by pointer with no pinning per operation. Blocks return to the pool when the pipe releases them
/// (from any thread).
/// </summary>
internal sealed class PinnedBlockPool : MemoryPool<byte>
{
    public const int BlockSize = 32 * 1024;

    public static readonly PinnedBlockPool Instance = new();

    private readonly ConcurrentQueue<Block> _free = new();

    public override int MaxBufferSize => BlockSize;

    public override IMemoryOwner<byte> Rent(int minBufferSize = -1)
    {
        if (minBufferSize > BlockSize) return new Block(this, minBufferSize, pooled: false);
        return _free.TryDequeue(out var block) ? block.Reuse() : new Block(this, BlockSize, pooled: true);
    }

    protected override void Dispose(bool disposing) { }

    /// <summary>The address of <paramref name="memory"/> if it lives in one of our blocks.</summary>
    public static unsafe byte* Pointer(ReadOnlyMemory<byte> memory)
    {
        if (MemoryMarshal.TryGetMemoryManager(memory, out Block? block, out int start, out _)) return block.Address + start;
        return null;
    }

    internal sealed unsafe class Block : MemoryManager<byte>
    {
        private readonly PinnedBlockPool _pool;
        private readonly byte[] _array;
        private readonly bool _pooled;
        private bool _rented = true;

        public Block(PinnedBlockPool pool, int size, bool pooled)
        {
            _pool = pool;
            _pooled = pooled;
            _array = GC.AllocateUninitializedArray<byte>(size, pinned: true);
            Address = (byte*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(_array));
        }

        public readonly byte* Address;

        public Block Reuse() { _rented = true; return this; }

        public override Span<byte> GetSpan() => _array;

        public override MemoryHandle Pin(int elementIndex = 0) => new(Address + elementIndex);

        public override void Unpin() { }

        protected override bool TryGetArray(out ArraySegment<byte> segment) { segment = _array; return true; }

        protected override void Dispose(bool disposing)
        {
            if (!_rented) return;
            _rented = false;
            if (_pooled) _pool._free.Enqueue(this);
        }
    }
}
