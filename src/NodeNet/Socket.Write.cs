using System.Buffers;
using NodeNet.Native;
using NodeNet.Uv;

namespace NodeNet;

// The writable side, after Node's Writable + net.Socket._writeGeneric: writes before 'connect' are
// queued; after it each write tries uv_try_write first and queues only the remainder with uv_write.
// WritableLength counts every byte not yet reported written; Write returns false at the high-water mark.
public sealed partial class Socket
{
    private sealed class WriteOp(byte[] data, int offset, int count, Action<Exception?>? callback)
    {
        public readonly byte[] Data = data;
        public readonly int Offset = offset;
        public readonly int Count = count;
        public readonly Action<Exception?>? Callback = callback;
    }

    private readonly List<WriteOp> _connectQueue = [];
    private long _writableLength;
    private bool _needDrain;
    private bool _ending;        // End() called (writableEnded)
    private bool _finalCalled;   // shutdown issued
    private bool _finished;      // 'finish' emitted
    private bool _writeAfterFin; // the peer ended and we did not allow half-open
    private long _bytesDispatched;
    private readonly List<Action<Exception?>> _onFinished = [];

    /// <summary>The writable side is open: not destroyed and End not yet called.</summary>
    public bool Writable => !_destroyed && !_ending;

    /// <summary>Bytes queued and not yet handed to the kernel (writableLength).</summary>
    public long WritableLength => _writableLength;

    /// <summary>Deprecated alias of <see cref="WritableLength"/>; null without a handle.</summary>
    public long? BufferSize => _handle != null ? _writableLength : null;

    /// <summary>writableHighWaterMark (16384 unless set by options).</summary>
    public int WritableHighWaterMark => _hwm;

    /// <summary>True after Write returned false, until 'drain'.</summary>
    public bool WritableNeedDrain => _needDrain;

    /// <summary>True once End was called.</summary>
    public bool WritableEnded => _ending;

    /// <summary>True once 'finish' was emitted.</summary>
    public bool WritableFinished => _finished;

    /// <summary>Bytes written plus bytes still queued; kept after destroy.</summary>
    public long BytesWritten
    {
        get
        {
            long queued = 0;
            foreach (var op in _connectQueue) queued += op.Count;
            return _bytesDispatched + queued;
        }
    }

    /// <summary>socket.write(data[, callback]): queues <paramref name="data"/> (never dropped); false once the queue reaches the high-water mark.</summary>
    /// <remarks>The array is read when the write is dispatched; do not modify it until <paramref name="callback"/> runs.</remarks>
    public bool Write(byte[] data, Action<Exception?>? callback = null)
    {
        if (data is null) throw new NodeNetException("ERR_STREAM_NULL_VALUES", "May not write null values to stream", "TypeError");
        return WriteCore(data, 0, data.Length, callback);
    }

    /// <summary>Writes a slice of <paramref name="data"/>.</summary>
    public bool Write(byte[] data, int offset, int count, Action<Exception?>? callback = null)
    {
        if (data is null) throw new NodeNetException("ERR_STREAM_NULL_VALUES", "May not write null values to stream", "TypeError");
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if ((long)offset + count > data.Length) throw new ArgumentOutOfRangeException(nameof(count), "offset + count exceeds the array");
        return WriteCore(data, offset, count, callback);
    }

    /// <summary>socket.write(string[, encoding][, callback]); encoding defaults to utf8.</summary>
    public bool Write(string data, string encoding = "utf8", Action<Exception?>? callback = null)
    {
        if (data is null) throw new NodeNetException("ERR_STREAM_NULL_VALUES", "May not write null values to stream", "TypeError");
        byte[] bytes = NodeEncoding.GetBytes(data, encoding);
        return WriteCore(bytes, 0, bytes.Length, callback);
    }

    /// <summary>socket.write(string, callback).</summary>
    public bool Write(string data, Action<Exception?>? callback) => Write(data, "utf8", callback);

    private bool WriteCore(byte[] data, int offset, int count, Action<Exception?>? callback)
    {
        _loop.Uv.VerifyThread();
        if (_writeAfterFin && _ending)
        {
            var epipe = NodeErrors.EndedByOtherParty();
            if (callback != null) _loop.NextTick(() => callback(epipe));
            Destroy(epipe);
            return false;
        }
        if (_ending)
        {
            var err = NodeErrors.WriteAfterEnd();
            if (callback != null) _loop.NextTick(() => callback(err));
            Destroy(err);
            return false;
        }
        if (_destroyed)
        {
            var err = NodeErrors.StreamDestroyed("write");
            if (callback != null) _loop.NextTick(() => callback(err));
            return false;
        }
        _writableLength += count;
        bool ok = _writableLength < _hwm;
        if (!ok) _needDrain = true;
        var op = new WriteOp(data, offset, count, callback);
        if (Connecting) { _connectQueue.Add(op); return ok; }
        if (_handle == null)
        {
            var err = NodeErrors.SocketClosed();
            _writableLength -= count;
            if (callback != null) _loop.NextTick(() => callback(err));
            Destroy(err);
            return false;
        }
        Dispatch(op);
        return ok;
    }

    private unsafe void Dispatch(WriteOp op)
    {
        Touch();
        var stream = _handle!;
        int written;
        fixed (byte* p = op.Data) written = op.Count == 0 ? 0 : stream.TryWrite(p + op.Offset, op.Count);
        if (written == op.Count)
        {
            _bytesDispatched += op.Count;
            _loop.NextTick(() => AfterWrite(op, null));
            return;
        }
        if (written < 0 && written != UvErrors.EAGAIN)
        {
            var err = NodeNetException.FromUv(written, "write");
            _loop.NextTick(() => AfterWrite(op, err));
            return;
        }
        if (written < 0) written = 0;
        var req = _loop.Uv.Requests.Rent(UvReqType.Write, this, op);
        req.Pin = op.Data.AsMemory(op.Offset + written).Pin();
        int rc = stream.Write(req, (byte*)req.Pin.Pointer, op.Count - written);
        if (rc != 0)
        {
            _loop.Uv.Requests.Abandon(req);
            var err = NodeNetException.FromUv(rc, "write");
            _loop.NextTick(() => AfterWrite(op, err));
            return;
        }
        _bytesDispatched += op.Count;
    }

    private void AfterAsyncWrite(WriteOp op, int status)
    {
        // Node reports success for a write the socket's own destroy cut short.
        if (_destroyed) { op.Callback?.Invoke(null); return; }
        AfterWrite(op, status < 0 ? NodeNetException.FromUv(status, "write") : null);
    }

    private void AfterWrite(WriteOp op, Exception? error)
    {
        _writableLength -= op.Count;
        if (error != null)
        {
            op.Callback?.Invoke(error);
            Destroy(error);
            return;
        }
        Touch();
        if (_needDrain && _writableLength == 0 && !_ending && !_destroyed)
        {
            _needDrain = false;
            Emit("drain");
        }
        op.Callback?.Invoke(null);
        MaybeFinish();
    }

    /// <summary>Writes queued while connecting go out in order once connected.</summary>
    private void FlushConnectQueue()
    {
        var ops = _connectQueue.ToArray();
        _connectQueue.Clear();
        foreach (var op in ops)
        {
            if (_destroyed || _handle == null) break;
            Dispatch(op);
        }
    }

    private void FailPendingConnectWrites()
    {
        if (_connectQueue.Count == 0) return;
        var ops = _connectQueue.ToArray();
        _connectQueue.Clear();
        for (int i = 0; i < ops.Length; i++)
        {
            var op = ops[i];
            _writableLength -= op.Count;
            if (op.Callback == null) continue;
            // The write waiting for 'connect' hears about the close; later ones were still buffered.
            Exception err = i == 0 ? NodeErrors.SocketClosedBeforeConnection() : NodeErrors.StreamDestroyed("write");
            if (i == 0) Once("close", () => op.Callback(err));
            else _loop.NextTick(() => op.Callback(err));
        }
    }

    /// <summary>socket.end([callback]): sends FIN once everything queued is written.
    /// <paramref name="callback"/> runs at 'finish'.</summary>
    public Socket End(Action? callback = null) => EndCore(callback);

    /// <summary>socket.end(data[, callback]).</summary>
    public Socket End(byte[] data, Action? callback = null)
    {
        Write(data);
        return EndCore(callback);
    }

    /// <summary>socket.end(string[, encoding][, callback]).</summary>
    public Socket End(string data, string encoding = "utf8", Action? callback = null)
    {
        Write(data, encoding);
        return EndCore(callback);
    }

    private Socket EndCore(Action? callback)
    {
        _loop.Uv.VerifyThread();
        if (callback != null)
        {
            if (_finished) _loop.NextTick(callback);
            else _onFinished.Add(_ => callback());
        }
        if (!_ending && !_destroyed)
        {
            _ending = true;
            MaybeFinish();
        }
        else if (!_ending) _ending = true;
        return this;
    }

    private void MaybeFinish()
    {
        if (!_ending || _finalCalled || _finished || _destroyed || _writableLength != 0 || Connecting) return;
        _finalCalled = true;
        if (_handle == null) { _loop.NextTick(Finish); return; }
        var req = _loop.Uv.Requests.Rent(UvReqType.Shutdown, this);
        int rc = _handle.Shutdown(req);
        if (rc == 0) return;
        _loop.Uv.Requests.Abandon(req);
        if (rc == UvErrors.ENOTCONN) _loop.NextTick(Finish);
        else Destroy(NodeNetException.FromUv(rc, "shutdown"));
    }

    private void AfterShutdown(int status)
    {
        if (_destroyed) return;
        // A shutdown that fails because the peer already went away still completes our side, as in Node.
        _loop.NextTick(Finish);
    }

    private void Finish()
    {
        if (_finished || _destroyed) return;
        _finished = true;
        foreach (var cb in _onFinished.ToArray()) cb(null);
        _onFinished.Clear();
        Emit("finish");
        if (_endEmitted) Destroy(); // both sides done: autoDestroy
    }
}
