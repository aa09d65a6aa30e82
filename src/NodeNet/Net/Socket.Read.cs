using NodeNet.Native;
using NodeNet.Streams;

namespace NodeNet;

// The readable side: Node's Readable state machine (Streams/ReadableState) fed from libuv. Each read is pushed into
// it; when it answers that the buffer reached the high-water mark, reading stops until it asks again (ReadSource), so
// TCP backpressure reaches the peer. Pull mode (ReadAsync/AsPipe), Node's onread and IPC bypass it.
public sealed partial class Socket : IReadableHost
{
    private readonly ReadableState _readable;
    private bool _reading;                // uv_read_start is active
    private bool _readOnConnect;          // _read was asked for while connecting
    private OnReadOptions? _onRead;                   // Node's onread: reads go to the caller's buffer and callback
    private ISocketReader? _reader;                   // pull mode: reads go to the pipe view, not to 'data' events
    private byte[]? _onReadBuffer;
    private System.Runtime.InteropServices.GCHandle _onReadPin; // pinned from alloc to read (one libuv read call)
    private bool _onReadPaused;
    private long _bytesRead;
    private bool _lastReadFilled;         // the last read filled the 64 KiB buffer: read the next into an owned chunk
    private volatile bool _eof;           // the peer's FIN arrived (read by await foreach's continuation)

    /// <summary>The readable side is open: not destroyed and 'end' not yet emitted. Any thread: as the loop last set
    /// it.</summary>
    public bool Readable => !Volatile.Read(ref _destroyed) && !Volatile.Read(ref _readable.EndEmitted);

    /// <summary>Bytes received; kept after destroy, reset by a reconnect. Any thread: as the loop last set it.</summary>
    public long BytesRead => Volatile.Read(ref _bytesRead);

    /// <summary>readableHighWaterMark (65536 unless set by options, as in Node 22 and later; 16384 on Windows, as there).
    /// A Read(size) larger than it raises it to the next power of two, as in Node. Any thread: as the loop last set
    /// it.</summary>
    public int ReadableHighWaterMark => Volatile.Read(ref _readable.HighWaterMark);

    /// <summary>readableLength: bytes (characters, with an encoding) buffered and not yet read. Any thread: as the loop
    /// last set it.</summary>
    public long ReadableLength => Volatile.Read(ref _readable.Length);

    /// <summary>readableFlowing: null until a 'data' listener, Resume or Pause decides; false while a 'readable'
    /// listener is attached. Any thread: as the loop last set it.</summary>
    public bool? ReadableFlowing => _readable.Flowing;

    /// <summary>readableEnded: 'end' was emitted. Any thread: as the loop last set it.</summary>
    public bool ReadableEnded => Volatile.Read(ref _readable.EndEmitted);

    /// <summary>readableAborted: destroyed or errored before 'end'. Any thread: as the loop last set it.</summary>
    public bool ReadableAborted =>
        (Volatile.Read(ref _destroyed) || Volatile.Read(ref _errored) != null) && !Volatile.Read(ref _readable.EndEmitted) && !_notReadable;
    private bool _notReadable; // made with Readable = false

    /// <summary>readableDidRead: 'data' was emitted at least once. Any thread: as the loop last set it.</summary>
    public bool ReadableDidRead => Volatile.Read(ref _readable.DataEmitted);

    /// <summary>isPaused().</summary>
    public bool IsPaused()
    {
        VerifyLoopThread();
        return _readable.IsPaused;
    }

    /// <summary>readableEncoding: the encoding SetEncoding chose (normalised, e.g. "utf8"), or null. Any thread: as the
    /// loop last set it.</summary>
    public string? ReadableEncoding => Volatile.Read(ref _readable.Decoder)?.Encoding;

    /// <summary>socket.setEncoding(encoding): 'data' then carries strings; characters split across reads are kept whole.
    /// What is already buffered is decoded at once.</summary>
    /// <exception cref="NodeNetArgumentException">ERR_UNKNOWN_ENCODING.</exception>
    /// <exception cref="InvalidOperationException">A 'data' listener takes bytes (<see cref="Data"/>, or On&lt;byte[]&gt;):
    /// it could never be called.</exception>
    public Socket SetEncoding(string encoding = "utf8")
    {
        _loop.Uv.VerifyThread();
        var decoder = new StringDecoder(encoding);
        if (AnyListenerRefuses(SocketEvents.Data, typeof(string)))
            throw NodeErrors.InvalidState("a 'data' listener of this socket takes bytes; with an encoding 'data' carries strings. Remove it, or read bytes without SetEncoding");
        _readable.SetDecoder(decoder);
        return this;
    }

    /// <summary>socket.pause(): stop emitting 'data'; reading stops once the high-water mark of buffered data is reached.</summary>
    public Socket Pause()
    {
        _loop.Uv.VerifyThread();
        if (_onRead != null) { _onReadPaused = true; StopReading(); }
        _readable.Pause();
        return this;
    }

    /// <summary>socket.resume(): emit buffered and new data again.</summary>
    public Socket Resume()
    {
        _loop.Uv.VerifyThread();
        if (_onRead != null && _onReadPaused) { _onReadPaused = false; StartReading(); }
        _readable.Resume();
        return this;
    }

    /// <summary>readable.read([size]): in paused mode, takes buffered data: <paramref name="size"/> bytes (characters
    /// with an encoding), or with no size one buffered chunk (Node 26). Null when not enough is buffered, unless the
    /// stream ended, when the rest is returned. What it returns is also emitted as 'data'. Returns a <c>byte[]</c>, or a
    /// <c>string</c> once <see cref="SetEncoding"/> was called.</summary>
    /// <exception cref="NodeNetArgumentOutOfRangeException">ERR_OUT_OF_RANGE: size above 1 GiB.</exception>
    public object? Read(int? size = null)
    {
        _loop.Uv.VerifyThread();
        if (_onRead != null && !_connecting && _handle != null && !_reading && !_onReadPaused) StartReading();
        return _readable.Read(size);
    }

    /// <summary>readable.unshift(chunk): puts data back at the front of the buffer (a parser that read too far).</summary>
    /// <exception cref="NodeNetInvalidOperationException">ERR_STREAM_UNSHIFT_AFTER_END_EVENT (also emitted as 'error').</exception>
    public bool Unshift(byte[] chunk)
    {
        _loop.Uv.VerifyThread();
        if (chunk is null) { _readable.PushEnd(); return false; } // unshift(null) signals the end, as in Node
        object item = chunk;
        if (_readable.Decoder is { } decoder) item = NodeEncoding.GetString(chunk, decoder.Encoding);
        return UnshiftCore(item);
    }

    /// <summary>readable.unshift(string[, encoding]).</summary>
    public bool Unshift(string chunk, string? encoding = null)
    {
        _loop.Uv.VerifyThread();
        if (chunk is null) { _readable.PushEnd(); return false; }
        var bytes = NodeEncoding.GetBytes(chunk, encoding ?? _defaultEncoding);
        object item = _readable.Decoder is { } decoder ? NodeEncoding.GetString(bytes, decoder.Encoding) : bytes;
        return UnshiftCore(item);
    }

    private bool UnshiftCore(object item)
    {
        try { return _readable.Unshift(item); }
        catch (NodeNetInvalidOperationException e) { Destroy(e); return false; }
    }

    private protected override void OnListenerAdded(string eventName)
    {
        if (eventName == "data") _readable.DataListenerAdded();
        else if (eventName == "readable") _readable.ReadableListenerAdded();
    }

    private protected override void OnListenerRemoved(string? eventName)
    {
        if (eventName is "readable" or null) _readable.ReadableListenerRemoved();
    }

    /// <summary>Node's Socket._read: read once connected.</summary>
    void IReadableHost.ReadSource()
    {
        if (_connecting || _handle == null) _readOnConnect = true;
        else StartReading();
    }

    bool IReadableHost.SourceRunning => _reading;
    bool IReadableHost.Destroyed => _destroyed;
    bool IReadableHost.Errored => _errored != null;
    bool IReadableHost.CloseEmitted => _closed;
    bool IReadableHost.HasListeners(string eventName) => HasListeners(eventName);
    void IReadableHost.NextTick(Action callback) => _loop.NextTick(callback);

    void IReadableHost.Emit(string eventName, object? chunk)
    {
        if (chunk != null) EmitEvent(eventName, chunk);
        else EmitEvent(eventName);
    }

    private void StartReading()
    {
        if (_reading || _handle == null || _connecting || _destroyed || _onReadPaused) return;
        int rc = _handle.ReadStart();
        if (rc != 0) { Destroy(NodeNetException.FromUv(rc, "read")); return; }
        _reading = true;
    }

    private void StopReading()
    {
        if (!_reading) return;
        _reading = false;
        _handle?.ReadStop();
    }

    void Uv.IUvStreamEvents.OnConnection(int status) { }

    private Exception? _allocError;

    unsafe byte* Uv.IUvStreamEvents.Alloc(out int length)
    {
        length = 0;
        if (_onRead != null) return OnReadAlloc(out length);
        if (_reader == null) return _lastReadFilled && _ipc == null ? _loop.Uv.PinReadChunk(out length) : null;
        try { return _reader.Alloc(out length); }
        catch (Exception e)
        {
            // Never into libuv: a zero-length buffer makes libuv report UV_ENOBUFS, and OnRead destroys this socket alone.
            _allocError = e;
            length = -1;
            return null;
        }
    }

    private unsafe byte* OnReadAlloc(out int length)
    {
        var buffer = _onRead!.Buffer ?? _onRead.BufferFactory!();
        length = buffer?.Length ?? 0;
        if (length == 0) return null; // libuv then reports ENOBUFS, which destroys the socket
        _onReadBuffer = buffer;
        _onReadPin = System.Runtime.InteropServices.GCHandle.Alloc(buffer, System.Runtime.InteropServices.GCHandleType.Pinned);
        return (byte*)_onReadPin.AddrOfPinnedObject();
    }

    unsafe void Uv.IUvStreamEvents.OnRead(nint nread, byte* data)
    {
        byte[]? onReadBuffer = null;
        if (_onReadPin.IsAllocated) { _onReadPin.Free(); onReadBuffer = _onReadBuffer; _onReadBuffer = null; }
        if (nread > 0)
        {
            int n = (int)nread;
            _bytesRead += n;
            NodeNetMetrics.BytesRead.Add(n);
            Touch();
            if (onReadBuffer != null)
            {
                if (!_onRead!.Callback(n, onReadBuffer) && !_destroyed) { _onReadPaused = true; StopReading(); }
                return;
            }
            if (_reader != null) { _reader.Received(n); return; }
            if (_ipc != null) { _ipc.Received(data, n); return; }
            // A read that filled the buffer says bulk data flows: the next read goes straight into the array the listener
            // will own (UvLoop.ReadChunk.cs), and when it fills that array too, no byte is copied.
            _lastReadFilled = n == Uv.UvLoop.ReadBufferSize;
            byte[] chunk;
            if (_lastReadFilled && _loop.Uv.IsReadChunk(data)) chunk = _loop.Uv.TakeReadChunk();
            else
            {
                // Every byte is overwritten at once: zeroing first would only double the memory traffic of a stream.
                chunk = GC.AllocateUninitializedArray<byte>(n);
                new ReadOnlySpan<byte>(data, n).CopyTo(chunk);
            }
            if (!_readable.Push(chunk) && !_destroyed) StopReading();
            return;
        }
        if (nread == UvErrors.EOF)
        {
            _reading = false; // libuv stops reading at EOF
            _eof = true;      // before the reader hears of it: its continuation may run inline and ask
            _reader?.Ended();
            _peerEndedFirst = !_writable.Ending;
            // Node's onStreamRead: push(null), then read(0), so 'end' follows even when no one is reading.
            _readable.PushEnd();
            _readable.Read(0);
            return;
        }
        var allocError = _allocError;
        _allocError = null;
        Destroy(nread == UvErrors.ENOBUFS && allocError != null ? allocError : NodeNetException.FromUv((int)nread, "read"));
    }

    void IReadableHost.EmitEnd()
    {
        // Pull mode (ReadAsync/AsStream/AsPipe) reads at the application's pace, so EOF reaching the pipe must not end
        // our side before the application has consumed what came before it: the application ends its side itself.
        bool autoEnd = !AllowHalfOpen && _reader == null;
        // Node's onReadableStreamEnd swaps write for writeAfterFIN: once our side has ended too, writes fail with EPIPE.
        if (autoEnd) _writable.WriteAfterFin = true;
        EmitEvent("end");
        if (Writable && autoEnd)
        {
            // Node ends our side on the next tick, so a write inside an 'end' listener still goes out.
            _loop.NextTick(() => { if (Writable) End(); });
        }
        else if (_writable.Finished || _writable.MadeNotWritable)
        {
            // Node's autoDestroy: both sides done. A writable side still ending destroys at its 'finish'.
            DestroyCore(null, EndedReason);
        }
    }
}
