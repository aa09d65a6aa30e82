namespace NodeNet.Streams;

/// <summary>
/// Node's Readable (lib/internal/streams/readable.js) as a state machine: flowing and paused mode, read(n), 'readable',
/// unshift, the buffer with its high-water mark, and the end. It knows nothing of libuv: its host pushes chunks
/// (byte[]; strings once an encoding is set) and is asked for more through <see cref="IReadableHost.ReadSource"/>.
/// </summary>
/// <remarks>Names follow Node's fields, so the code can be read against readable.js. read() without a size returns one
/// buffered chunk, as Node 26 does (Node 24 and earlier returned everything buffered).</remarks>
internal sealed class ReadableState(IReadableHost host, int highWaterMark)
{
    private const int MaxHighWaterMark = 0x40000000; // 1 GiB, Node's MAX_HWM

    private readonly ChunkQueue _buffer = new();
    private readonly IReadableHost _host = host;
    private Action? _maybeReadMoreTick, _emitReadableTick, _endTick, _resumeTick;

    public long Length;
    public int HighWaterMark = highWaterMark;
    /// <summary>readableFlowing: null until 'data', resume() or pause() decides. Kept in one byte, since other threads
    /// may read it (a bool? could be read torn).</summary>
    public bool? Flowing
    {
        get => Volatile.Read(ref _flowing) switch { 0 => false, 1 => true, _ => null };
        set => _flowing = value switch { false => (sbyte)0, true => (sbyte)1, null => (sbyte)-1 };
    }
    private sbyte _flowing = -1;
    public bool? Paused;           // kPaused: set by pause() and resume()
    public bool Ended;             // the source pushed its end
    public bool EndEmitted;
    public bool Reading;           // a _read() call is waiting for its push
    public bool Sync = true;       // inside read()'s call of _read(): a push now must not emit at once
    public bool NeedReadable, EmittedReadable, ReadableListening, ResumeScheduled, ReadingMore, DataEmitted;
    public StringDecoder? Decoder;

    /// <summary>push(chunk): false once the buffer reached the high-water mark (the source should stop).</summary>
    public bool Push(byte[] chunk)
    {
        if (Ended || _host.Destroyed || _host.Errored) return false;
        Reading = false;
        if (Decoder != null)
        {
            string s = Decoder.Write(chunk);
            if (s.Length > 0) AddChunk(s, s.Length, front: false);
            else MaybeReadMore();
        }
        else if (chunk.Length > 0) AddChunk(chunk, chunk.Length, front: false);
        else MaybeReadMore();
        return WantsMore;
    }

    private bool WantsMore => !Ended && (Length < HighWaterMark || Length == 0);

    /// <summary>push(null): the source ended.</summary>
    public void PushEnd()
    {
        Reading = false;
        if (Ended) return;
        if (Decoder != null && Decoder.End() is { Length: > 0 } tail)
        {
            _buffer.PushBack(tail);
            Length += tail.Length;
        }
        Ended = true;
        if (Sync) EmitReadable();
        else
        {
            NeedReadable = false;
            EmittedReadable = true;
            EmitReadableNow();
        }
    }

    /// <summary>unshift(chunk): back to the front of the buffer. Returns what push would.</summary>
    /// <exception cref="NodeNetInvalidOperationException">ERR_STREAM_UNSHIFT_AFTER_END_EVENT (the caller destroys with it).</exception>
    public bool Unshift(object chunk)
    {
        if (EndEmitted) throw new NodeNetInvalidOperationException("ERR_STREAM_UNSHIFT_AFTER_END_EVENT", "stream.unshift() after end event");
        if (_host.Destroyed || _host.Errored) return false;
        int length = LengthOf(chunk);
        if (length > 0) AddChunk(chunk, length, front: true);
        return WantsMore;
    }

    private void AddChunk(object chunk, int length, bool front)
    {
        if (Flowing == true && Length == 0 && !Sync && _host.HasListeners("data"))
        {
            DataEmitted = true;
            _host.Emit("data", chunk);
            // Node asks for more on the next tick (maybeReadMore); a source that is still delivering needs no asking,
            // and skipping the tick keeps the flowing path as cheap as it was before this state machine.
            if (_host.SourceRunning && NeedReadable) return;
        }
        else
        {
            Length += length;
            if (front) _buffer.PushFront(chunk);
            else _buffer.PushBack(chunk);
            if (NeedReadable) EmitReadable();
        }
        MaybeReadMore();
    }

    /// <summary>read([size]): buffered data, or null. size null: one buffered chunk.</summary>
    public object? Read(int? size)
    {
        if (size > HighWaterMark) HighWaterMark = NewHighWaterMark(size.Value);
        if (size != 0) EmittedReadable = false;
        // read(0) with enough buffered (or the end pushed) only signals 'readable' or the end.
        if (size == 0 && NeedReadable && ((HighWaterMark != 0 ? Length >= HighWaterMark : Length > 0) || Ended))
        {
            if (Length == 0 && Ended) EndReadable();
            else EmitReadable();
            return null;
        }
        long n = HowMuchToRead(size);
        if (n == 0 && Ended)
        {
            if (Length == 0) EndReadable();
            return null;
        }
        bool doRead = NeedReadable || Length == 0 || Length - n < HighWaterMark;
        if (Ended || Reading || _host.Destroyed || _host.Errored) doRead = false;
        else if (doRead)
        {
            Reading = true;
            Sync = true;
            if (Length == 0) NeedReadable = true;
            _host.ReadSource();
            Sync = false;
            // A synchronous push may have changed what there is to read.
            if (!Reading) n = HowMuchToRead(size);
        }
        object? ret = n > 0 ? FromList(n) : null;
        if (ret == null)
        {
            NeedReadable = Length <= HighWaterMark;
            n = 0;
        }
        else Length -= n;
        if (Length == 0)
        {
            if (!Ended) NeedReadable = true;
            if (size != n && Ended) EndReadable(); // read everything after the end: end now
        }
        if (ret != null && !_host.Errored && !_host.CloseEmitted)
        {
            DataEmitted = true;
            _host.Emit("data", ret);
        }
        return ret;
    }

    private long HowMuchToRead(int? size)
    {
        if (size <= 0 || (Length == 0 && Ended)) return 0;
        if (size == null) return Length > 0 ? LengthOf(_buffer.Peek()) : 0;
        if (size <= Length) return size.Value;
        return Ended ? Length : 0;
    }

    /// <summary>Takes n units (bytes, or characters with an encoding) from the front; the caller adjusts Length.</summary>
    private object FromList(long n)
    {
        if (n >= Length)
        {
            object all;
            if (_buffer.Count == 1) all = _buffer.PopFront();
            else if (Decoder != null) all = string.Concat(_buffer.Items().Cast<string>());
            else all = Concat(_buffer.Items(), (int)Length);
            _buffer.Clear();
            return all;
        }
        return Decoder != null ? TakeChars((int)n) : TakeBytes((int)n);
    }

    private static byte[] Concat(IEnumerable<object> chunks, int length)
    {
        var all = GC.AllocateUninitializedArray<byte>(length);
        int at = 0;
        foreach (byte[] c in chunks) { c.CopyTo(all, at); at += c.Length; }
        return all;
    }

    private byte[] TakeBytes(int n)
    {
        var first = (byte[])_buffer.Peek();
        if (first.Length == n) return (byte[])_buffer.PopFront();
        var ret = GC.AllocateUninitializedArray<byte>(n);
        int at = 0;
        while (at < n)
        {
            var chunk = (byte[])_buffer.Peek();
            int take = Math.Min(chunk.Length, n - at);
            chunk.AsSpan(0, take).CopyTo(ret.AsSpan(at));
            at += take;
            if (take == chunk.Length) _buffer.PopFront();
            else _buffer.ReplaceFront(chunk[take..]);
        }
        return ret;
    }

    private string TakeChars(int n)
    {
        var sb = new System.Text.StringBuilder(n);
        while (sb.Length < n)
        {
            var chunk = (string)_buffer.Peek();
            int take = Math.Min(chunk.Length, n - sb.Length);
            sb.Append(chunk, 0, take);
            if (take == chunk.Length) _buffer.PopFront();
            else _buffer.ReplaceFront(chunk[take..]);
        }
        return sb.ToString();
    }

    private static int LengthOf(object chunk) => chunk is string s ? s.Length : ((byte[])chunk).Length;

    private static int NewHighWaterMark(int n)
    {
        if (n > MaxHighWaterMark) throw NodeErrors.OutOfRange("size", "<= 1GiB", n);
        n--;
        n |= n >> 1; n |= n >> 2; n |= n >> 4; n |= n >> 8; n |= n >> 16;
        return n + 1;
    }

    private void EmitReadable()
    {
        NeedReadable = false;
        if (EmittedReadable) return;
        EmittedReadable = true;
        _host.NextTick(_emitReadableTick ??= EmitReadableNow);
    }

    private void EmitReadableNow()
    {
        if (!_host.Destroyed && !_host.Errored && (Length > 0 || Ended))
        {
            _host.Emit("readable", null);
            EmittedReadable = false;
        }
        NeedReadable = Flowing != true && !Ended && Length <= HighWaterMark;
        Flow();
    }

    /// <summary>Node's maybeReadMore: on the next tick, ask the source for more while below the high-water mark.</summary>
    private void MaybeReadMore()
    {
        if (ReadingMore) return;
        ReadingMore = true;
        _host.NextTick(_maybeReadMoreTick ??= MaybeReadMoreNow);
    }

    private void MaybeReadMoreNow()
    {
        while (!Reading && !Ended && (Length < HighWaterMark || (Flowing == true && Length == 0)))
        {
            long before = Length;
            Read(0);
            if (before == Length) break; // nothing came synchronously
        }
        ReadingMore = false;
    }

    /// <summary>flow(): while flowing, everything buffered goes out as 'data'.</summary>
    public void Flow()
    {
        while (Flowing == true && Read(null) != null) { }
    }

    public void Resume()
    {
        if (Flowing != true)
        {
            // A 'readable' listener keeps the stream paused: resume() then only schedules the read.
            Flowing = !ReadableListening;
            if (!ResumeScheduled)
            {
                ResumeScheduled = true;
                _host.NextTick(_resumeTick ??= ResumeNow);
            }
        }
        Paused = false;
    }

    private void ResumeNow()
    {
        if (!Reading) Read(0);
        ResumeScheduled = false;
        _host.Emit("resume", null);
        Flow();
        if (Flowing == true && !Reading) Read(0);
    }

    public void Pause()
    {
        if (Flowing != false)
        {
            Flowing = false;
            _host.Emit("pause", null);
        }
        Paused = true;
    }

    public bool IsPaused => Paused == true || Flowing == false;

    public void DataListenerAdded()
    {
        ReadableListening = _host.HasListeners("readable");
        if (Flowing != false) Resume();
    }

    public void ReadableListenerAdded()
    {
        if (EndEmitted || ReadableListening) return;
        ReadableListening = NeedReadable = true;
        Flowing = false;
        EmittedReadable = false;
        if (Length > 0) EmitReadable();
        else if (!Reading) _host.NextTick(() => Read(0));
    }

    /// <summary>A 'readable' listener went: on the next tick the stream flows again if 'data' listeners remain.</summary>
    public void ReadableListenerRemoved() => _host.NextTick(() =>
    {
        ReadableListening = _host.HasListeners("readable");
        if (ResumeScheduled && Paused == false) Flowing = true;
        else if (_host.HasListeners("data")) Resume();
        else if (!ReadableListening) Flowing = null;
    });

    /// <summary>Node's endReadable: 'end' on the next tick, once nothing is left (an unshift may still come).</summary>
    private void EndReadable()
    {
        if (EndEmitted) return;
        Ended = true;
        _host.NextTick(_endTick ??= EndNow);
    }

    private void EndNow()
    {
        if (_host.Errored || _host.CloseEmitted || EndEmitted || Length != 0) return;
        EndEmitted = true;
        _host.EmitEnd();
    }

    /// <summary>setEncoding after data was buffered: what is buffered becomes one string, as Node does.</summary>
    public void SetDecoder(StringDecoder decoder)
    {
        Decoder = decoder;
        if (_buffer.Count == 0) return;
        var content = new System.Text.StringBuilder();
        foreach (var chunk in _buffer.Items())
            content.Append(chunk is byte[] b ? decoder.Write(b) : (string)chunk);
        _buffer.Clear();
        Length = content.Length;
        if (content.Length > 0) _buffer.PushBack(content.ToString());
    }

    /// <summary>Everything buffered, removed (a move to pull mode, or to another loop).</summary>
    public List<object> TakeAll()
    {
        var all = _buffer.Items().ToList();
        _buffer.Clear();
        Length = 0;
        return all;
    }

    /// <summary>A reconnect (Node's _undestroy): the buffer and the end are reset; flowing survives.</summary>
    public void Reset()
    {
        _buffer.Clear();
        Length = 0;
        Ended = EndEmitted = Reading = false;
        ReadingMore = ResumeScheduled = EmittedReadable = false;
        Sync = true;
        NeedReadable = false;
    }
}
