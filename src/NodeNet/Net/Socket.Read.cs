using NodeNet.Native;

namespace NodeNet;

// The readable side, after Node's Readable: chunks are emitted directly while flowing, buffered
// while paused (reading stops once the buffer reaches the high-water mark, so TCP backpressure
// reaches the peer), and 'end' follows EOF once the buffer is drained.
public sealed partial class Socket
{
    private bool? _flowing;               // null: nobody asked yet (Node's readableFlowing)
    private readonly Queue<object> _readBuffer = new();
    private long _readBufferLength;
    private bool _reading;                // uv_read_start is active
    private bool _readableEnded;          // EOF seen (push(null))
    private bool _endEmitted;
    private bool _endScheduled;
    private bool _flowScheduled;
    private StringDecoder? _decoder;
    private OnReadOptions? _onRead;                   // Node's onread: reads go to the caller's buffer and callback
    private ISocketReader? _reader;                   // pull mode: reads go to the pipe view, not to 'data' events
    private byte[]? _onReadBuffer;
    private System.Runtime.InteropServices.GCHandle _onReadPin; // pinned from alloc to read (one libuv read call)
    private bool _onReadPaused;
    private long _bytesRead;

    /// <summary>The readable side is open: not destroyed and 'end' not yet emitted.</summary>
    public bool Readable { get { VerifyLoopThread(); return !_destroyed && !_endEmitted; } }

    /// <summary>Bytes received; kept after destroy, reset by a reconnect.</summary>
    public long BytesRead { get { VerifyLoopThread(); return _bytesRead; } }

    /// <summary>readableHighWaterMark (65536 unless set by options, as in Node 22 and later; 16384 on Windows, as there).</summary>
    public int ReadableHighWaterMark => _readHwm;

    /// <summary>readableFlowing: null until a 'data' listener, Resume or Pause decides.</summary>
    public bool? ReadableFlowing { get { VerifyLoopThread(); return _flowing; } }

    /// <summary>isPaused().</summary>
    public bool IsPaused()
    {
        VerifyLoopThread();
        return _flowing == false;
    }

    /// <summary>readableEncoding: the encoding SetEncoding chose (normalised, e.g. "utf8"), or null.</summary>
    public string? ReadableEncoding { get { VerifyLoopThread(); return _decoder?.Encoding; } }

    /// <summary>socket.setEncoding(encoding): 'data' then carries strings; characters split across reads are kept whole.</summary>
    /// <exception cref="NodeNetArgumentException">ERR_UNKNOWN_ENCODING.</exception>
    /// <exception cref="InvalidOperationException">A 'data' listener takes bytes (<see cref="Data"/>, or On&lt;byte[]&gt;):
    /// it could never be called.</exception>
    public Socket SetEncoding(string encoding = "utf8")
    {
        _loop.Uv.VerifyThread();
        var decoder = new StringDecoder(encoding);
        if (AnyListenerRefuses(SocketEvents.Data, typeof(string)))
            throw NodeErrors.InvalidState("a 'data' listener of this socket takes bytes; with an encoding 'data' carries strings. Remove it, or read bytes without SetEncoding");
        _decoder = decoder;
        return this;
    }

    /// <summary>socket.pause(): stop emitting 'data'; reading stops once the high-water mark of buffered data is reached.</summary>
    public Socket Pause()
    {
        _loop.Uv.VerifyThread();
        if (_onRead != null) { _onReadPaused = true; StopReading(); }
        if (_flowing != false)
        {
            _flowing = false;
            EmitEvent("pause");
        }
        return this;
    }

    /// <summary>socket.resume(): emit buffered and new data again.</summary>
    public Socket Resume()
    {
        _loop.Uv.VerifyThread();
        if (_onRead != null && _onReadPaused) { _onReadPaused = false; StartReading(); }
        if (_flowing != true)
        {
            _flowing = true;
            _loop.NextTick(() =>
            {
                StartReading();
                EmitEvent("resume");
                Flow();
            });
        }
        return this;
    }

    private protected override void OnListenerAdded(string eventName)
    {
        if (eventName == "data" && _flowing != false) Resume();
    }

    private void StartReading()
    {
        if (_reading || _handle == null || _connecting || _destroyed || _readableEnded || _readBufferLength >= _readHwm || _onReadPaused) return;
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
        if (_reader == null) return null;
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
            // Every byte is overwritten at once: zeroing 64 KiB first would only double the memory traffic of a stream.
            var chunk = GC.AllocateUninitializedArray<byte>(n);
            new ReadOnlySpan<byte>(data, n).CopyTo(chunk);
            Push(chunk);
            return;
        }
        if (nread == UvErrors.EOF)
        {
            _reading = false; // libuv stops reading at EOF
            _reader?.Ended();
            if (_decoder != null && _decoder.End() is { Length: > 0 } tail) Buffer(tail, tail.Length);
            _readableEnded = true;
            _peerEndedFirst = !_ending;
            // Node's onStreamRead calls read(0) after push(null): with nothing buffered, 'end' follows
            // even when no one is reading.
            if (_flowing == true) ScheduleFlow();
            else CheckEnd();
            return;
        }
        var allocError = _allocError;
        _allocError = null;
        Destroy(nread == UvErrors.ENOBUFS && allocError != null ? allocError : NodeNetException.FromUv((int)nread, "read"));
    }

    private void Push(byte[] bytes)
    {
        object chunk = bytes;
        int length = bytes.Length;
        if (_decoder != null)
        {
            string s = _decoder.Write(bytes);
            if (s.Length == 0) return;
            chunk = s;
            length = s.Length;
        }
        if (_flowing == true && _readBufferLength == 0 && HasListeners("data"))
        {
            EmitEvent("data", chunk);
        }
        else
        {
            Buffer(chunk, length);
            if (_flowing == true) ScheduleFlow();
        }
        if (_readBufferLength >= _readHwm) StopReading();
    }

    private void Buffer(object chunk, int length)
    {
        _readBuffer.Enqueue(chunk);
        _readBufferLength += length;
    }

    private void ScheduleFlow()
    {
        if (_flowScheduled) return;
        _flowScheduled = true;
        _loop.NextTick(() => { _flowScheduled = false; Flow(); });
    }

    /// <summary>Emits buffered chunks while flowing, refills from the kernel, and ends after EOF.</summary>
    private void Flow()
    {
        while (_flowing == true && !_destroyed && _readBuffer.TryDequeue(out var chunk))
        {
            _readBufferLength -= chunk is string s ? s.Length : ((byte[])chunk).Length;
            EmitEvent("data", chunk);
        }
        if (_flowing == true) StartReading();
        CheckEnd();
    }

    private void CheckEnd()
    {
        if (!_readableEnded || _readBufferLength != 0 || _endEmitted || _endScheduled || _destroyed) return;
        _endScheduled = true;
        _loop.NextTick(EmitEnd);
    }

    private void EmitEnd()
    {
        if (_endEmitted || _destroyed) return;
        _endEmitted = true;
        // Pull mode (ReadAsync/AsStream/AsPipe) reads at the application's pace, so EOF reaching the pipe must not end
        // our side before the application has consumed what came before it: the application ends its side itself.
        bool autoEnd = !AllowHalfOpen && _reader == null;
        // Node's onReadableStreamEnd swaps write for writeAfterFIN: once our side has ended too, writes fail with EPIPE.
        if (autoEnd) _writeAfterFin = true;
        EmitEvent("end");
        if (Writable && autoEnd)
        {
            // Node ends our side on the next tick, so a write inside an 'end' listener still goes out.
            _loop.NextTick(() => { if (Writable) End(); });
        }
        else if (_finished || !Writable)
        {
            DestroyCore(null, EndedReason);
        }
    }
}
