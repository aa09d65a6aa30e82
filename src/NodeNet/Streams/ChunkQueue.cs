namespace NodeNet.Streams;

/// <summary>The readable buffer: chunks (byte[] or string) in arrival order, taken from the front, and put back at the
/// front by unshift. A ring, so the common case (one chunk in, one out) never moves anything.</summary>
internal sealed class ChunkQueue
{
    private object[] _items = new object[4];
    private int _head;

    public int Count { get; private set; }

    public object Peek() => _items[_head];

    public void PushBack(object chunk)
    {
        Grow();
        _items[(_head + Count) % _items.Length] = chunk;
        Count++;
    }

    public void PushFront(object chunk)
    {
        Grow();
        _head = (_head - 1 + _items.Length) % _items.Length;
        _items[_head] = chunk;
        Count++;
    }

    public object PopFront()
    {
        var chunk = _items[_head];
        _items[_head] = null!;
        _head = (_head + 1) % _items.Length;
        Count--;
        return chunk;
    }

    /// <summary>Replaces the front chunk (what a partial read leaves of it).</summary>
    public void ReplaceFront(object chunk) => _items[_head] = chunk;

    public void Clear()
    {
        Array.Clear(_items);
        _head = 0;
        Count = 0;
    }

    public IEnumerable<object> Items()
    {
        for (int i = 0; i < Count; i++) yield return _items[(_head + i) % _items.Length];
    }

    private void Grow()
    {
        if (Count < _items.Length) return;
        var bigger = new object[_items.Length * 2];
        for (int i = 0; i < Count; i++) bigger[i] = _items[(_head + i) % _items.Length];
        _items = bigger;
        _head = 0;
    }
}
