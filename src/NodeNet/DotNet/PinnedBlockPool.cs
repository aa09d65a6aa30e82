using System.Buffers;
using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace NodeNet;

/// <summary>
/// Memory for the pipe path: blocks on the pinned object heap, so libuv can read into and write from
/// them by pointer with no pinning per operation. Blocks return to the pool when the pipe releases them
/// (from any thread); a pipe with nothing buffered holds none.
/// </summary>
internal sealed class PinnedBlockPool : MemoryPool<byte>
{
    /// <summary>The block sizes, small to large: a pipe asks for one by size hint (GetMemory).</summary>
    public const int SmallBlock = 32 * 1024, LargeBlock = 512 * 1024;

    /// <summary>Both pipes of every socket share it: small blocks for messages, large ones for reads that follow a read
    /// that filled its block (a busy stream then takes what the kernel holds in few read calls: each syscall, not each
    /// byte, is what streaming pays for on loopback).</summary>
    public static readonly PinnedBlockPool Instance = new();

    private readonly ConcurrentQueue<Block> _small = new(), _large = new();

    public override int MaxBufferSize => LargeBlock;

    public override IMemoryOwner<byte> Rent(int minBufferSize = -1)
    {
        if (minBufferSize > LargeBlock) return new Block(this, minBufferSize, pooled: false);
        var free = minBufferSize > SmallBlock ? _large : _small;
        return free.TryDequeue(out var block) ? block.Reuse() : new Block(this, minBufferSize > SmallBlock ? LargeBlock : SmallBlock, pooled: true);
    }

    private void Return(Block block) => (block.Length > SmallBlock ? _large : _small).Enqueue(block);

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

        public int Length => _array.Length;

        public Block Reuse() { _rented = true; return this; }

        public override Span<byte> GetSpan() => _array;

        public override MemoryHandle Pin(int elementIndex = 0) => new(Address + elementIndex);

        public override void Unpin() { }

        protected override bool TryGetArray(out ArraySegment<byte> segment) { segment = _array; return true; }

        protected override void Dispose(bool disposing)
        {
            if (!_rented) return;
            _rented = false;
            if (_pooled) _pool.Return(this);
        }
    }
}
