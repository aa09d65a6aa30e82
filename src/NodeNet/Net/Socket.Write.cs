using System.Buffers;
using NodeNet.Native;
using NodeNet.Uv;

namespace NodeNet;

// The writable side, after Node's Writable + net.Socket._writeGeneric. One batch is in flight at a
// time; writes made meanwhile (or while connecting) are buffered and go out together as one vectored
// write when it completes, as Node's writev does. Each batch tries uv_try_write first and queues only
// the remainder with uv_write. WritableLength counts every byte not yet handed to the kernel.
public sealed partial class Socket
{
    /// <summary>A write: its bytes, and how much it counts in writableLength as Node counts it (a string by its length
    /// in UTF-16 units, net.Socket keeping strings as they are; a Buffer by its bytes).</summary>
    private sealed class WriteOp(ReadOnlyMemory<byte> data, Action<Exception?>? callback, int counted)
    {
        public readonly ReadOnlyMemory<byte> Data = data;
        public int Count => Data.Length;
        public readonly int Counted = counted;
        public readonly Action<Exception?>? Callback = callback;
    }

    /// <summary>Writes handed to libuv together.</summary>
    private sealed class WriteBatch(WriteOp[] ops, long bytes)
    {
        public readonly WriteOp[] Ops = ops;
        public readonly long Bytes = bytes;
        public readonly long Counted = CountedOf(ops);

        private static long CountedOf(WriteOp[] ops)
        {
            long sum = 0;
            foreach (var op in ops) sum += op.Counted;
            return sum;
        }
        public Exception? CutShort; // libuv's error for a batch that this socket's destroy cancelled
    }

    private readonly List<WriteOp> _buffered = [];
    private WriteBatch? _waitingForConnect; // the write that is "in flight" while connecting
    private bool _writing;
    private long _writableLength;
    private bool _needDrain;
    private bool _ending;        // End() called (writableEnded)
    private bool _finalCalled;   // shutdown issued
    private bool _finished;      // 'finish' emitted
    private bool _writeAfterFin; // the peer ended and we did not allow half-open
    private long _bytesDispatched;
    private long _bytesBuffered; // bytes of the writes in _buffered: BytesWritten counts them without walking the list
    private Exception? _errored; // the error the socket was destroyed with
    private readonly List<Action<Exception?>> _onFinished = [];
    private int _corked;
    private string _defaultEncoding = "utf8";

    /// <summary>writableCorked: how many Uncork calls it takes to send what Cork held back. Any thread: as the loop
    /// last set it.</summary>
    public int WritableCorked => Volatile.Read(ref _corked);

    /// <summary>writableAborted: destroyed or errored before 'finish'. Any thread: as the loop last set it.</summary>
    public bool WritableAborted =>
        (Volatile.Read(ref _destroyed) || Volatile.Read(ref _errored) != null) && !Volatile.Read(ref _finished) && !_notWritable;
    private bool _notWritable; // made with Writable = false

    /// <summary>errored: the error this socket was destroyed with, or null. Any thread: as the loop last set it.</summary>
    public Exception? Errored => Volatile.Read(ref _errored);

    /// <summary>Node's socket.closed (named so beside the <see cref="Closed"/> event): the handle is closed ('close'
    /// follows on the next tick, or has been emitted). Any thread: as the loop last set it.</summary>
    public bool IsClosed => Volatile.Read(ref _destroyed);

    /// <summary>socket.cork(): writes are held back until as many <see cref="Uncork"/> calls (or End), then go out
    /// together, as one vectored write.</summary>
    public void Cork()
    {
        VerifyLoopThread();
        _corked++;
    }

    /// <summary>socket.uncork(): undoes one <see cref="Cork"/>; the last one sends what was held back.</summary>
    public void Uncork()
    {
        VerifyLoopThread();
        if (_corked == 0) return;
        _corked--;
        if (_corked == 0 && !_writing) SendCorked();
    }

    private void SendCorked()
    {
        if (_buffered.Count == 0 || _destroyed) return;
        if (_handle == null)
        {
            // Never connected: the held writes fail as a write would (Node's _writeGeneric without a handle).
            var err = NodeErrors.SocketClosed();
            FailHeld(err);
            Destroy(err);
            return;
        }
        if (_connecting)
        {
            // Together they wait for 'connect', as Node's writev of the held chunks does.
            WaitForConnect(TakeBuffered());
            return;
        }
        DispatchBuffered();
    }

    private void FailHeld(Exception error)
    {
        var ops = _buffered.ToArray();
        _buffered.Clear();
        _bytesBuffered = 0;
        foreach (var op in ops)
        {
            AdjustWritable(-op.Counted, -op.Count);
            CallbackNextTick(op.Callback, error);
        }
    }

    /// <summary>writable.setDefaultEncoding(encoding): the encoding of string writes that name none.</summary>
    /// <exception cref="NodeNetArgumentException">ERR_UNKNOWN_ENCODING.</exception>
    public Socket SetDefaultEncoding(string encoding)
    {
        VerifyLoopThread();
        _defaultEncoding = NodeEncoding.Normalize(encoding) ?? throw NodeErrors.UnknownEncoding(encoding);
        return this;
    }

    /// <summary>The writable side is open: not destroyed and End not yet called. Any thread: as the loop last set
    /// it.</summary>
    public bool Writable => !Volatile.Read(ref _destroyed) && !Volatile.Read(ref _ending);

    /// <summary>Bytes queued and not yet handed to the kernel (writableLength). Any thread: as the loop last set
    /// it.</summary>
    public long WritableLength => Volatile.Read(ref _writableLength);

    /// <summary>Deprecated alias of <see cref="WritableLength"/>; null without a handle. Any thread: as the loop last
    /// set it.</summary>
    public long? BufferSize => Volatile.Read(ref _handle) != null ? Volatile.Read(ref _writableLength) : null;

    /// <summary>writableHighWaterMark (65536 unless set by options, as in Node 22 and later; 16384 on Windows, as
    /// there). Any thread (fixed at construction).</summary>
    public int WritableHighWaterMark => _hwm;

    /// <summary>True after Write returned false, until 'drain'. Any thread: as the loop last set it.</summary>
    public bool WritableNeedDrain => Volatile.Read(ref _needDrain);

    /// <summary>True once End was called. Any thread: as the loop last set it.</summary>
    public bool WritableEnded => Volatile.Read(ref _ending);

    /// <summary>True once 'finish' was emitted. Any thread: as the loop last set it.</summary>
    public bool WritableFinished => Volatile.Read(ref _finished);

    /// <summary>Bytes written plus bytes still queued; kept after destroy. Any thread: as the loop last set it.</summary>
    public long BytesWritten
    {
        get => Volatile.Read(ref _bytesDispatched) + Volatile.Read(ref _bytesBuffered) + (Volatile.Read(ref _waitingForConnect)?.Bytes ?? 0);
    }

    /// <summary>socket.write(data[, callback]): queues <paramref name="data"/> (never dropped); false once the queue reaches the high-water mark.</summary>
    /// <remarks>The array is read when the write is dispatched; do not modify it until <paramref name="callback"/> runs.</remarks>
    public bool Write(byte[] data, Action<Exception?>? callback = null)
    {
        if (data is null) throw NullChunk();
        return WriteCore(data, callback);
    }

    /// <summary>Writes a slice of <paramref name="data"/>.</summary>
    public bool Write(byte[] data, int offset, int count, Action<Exception?>? callback = null)
    {
        if (data is null) throw NullChunk();
        if (offset < 0 || offset > data.Length) throw NodeErrors.OutOfRange("offset", $">= 0 && <= {data.Length}", offset);
        if (count < 0 || count > data.Length - offset) throw NodeErrors.OutOfRange("count", $">= 0 && <= {data.Length - offset}", count);
        return WriteCore(data.AsMemory(offset, count), callback);
    }

    /// <summary>socket.write(string[, encoding][, callback]): encoding null is the default encoding (utf8 unless
    /// <see cref="SetDefaultEncoding"/> changed it); every Node encoding: utf8, utf16le/ucs2, latin1/binary, ascii,
    /// base64, base64url, hex.</summary>
    /// <exception cref="NodeNetArgumentException">ERR_UNKNOWN_ENCODING.</exception>
    public bool Write(string data, string? encoding = null, Action<Exception?>? callback = null)
    {
        VerifyLoopThread();
        if (data is null) throw NullChunk();
        return WriteCore(NodeEncoding.GetBytes(data, encoding ?? _defaultEncoding), callback, data.Length);
    }

    /// <summary>socket.write(string, callback).</summary>
    public bool Write(string data, Action<Exception?>? callback) => Write(data, null, callback);

    private static NodeNetInvalidOperationException IpcIsNotAStream() =>
        NodeErrors.InvalidState("an IPC socket carries messages and handles, not a byte stream: use Send and SendHandle, and the 'message' and 'handle' events");

    private static NodeNetArgumentException NullChunk() => new("ERR_STREAM_NULL_VALUES", "May not write null values to stream", "chunk");

    /// <summary>Writes <paramref name="data"/>; the memory must stay unchanged until <paramref name="callback"/> runs.</summary>
    public bool Write(ReadOnlyMemory<byte> data, Action<Exception?>? callback = null) => WriteCore(data, callback);

    // counted: what the write adds to writableLength (Node's count): a string's length, or -1 for the byte count.
    private bool WriteCore(ReadOnlyMemory<byte> data, Action<Exception?>? callback, int counted = -1)
    {
        int count = data.Length;
        if (counted < 0) counted = count;
        _loop.Uv.VerifyThread();
        if (_ipc != null) throw IpcIsNotAStream();
        if (_writeAfterFin && _ending)
        {
            var epipe = NodeErrors.EndedByOtherParty();
            CallbackNextTick(callback, epipe);
            Destroy(epipe);
            return false;
        }
        Exception? refused = _ending ? NodeErrors.WriteAfterEnd() : _destroyed ? NodeErrors.StreamDestroyed("write") : null;
        if (refused != null)
        {
            CallbackNextTick(callback, refused);
            if (!_destroyed) Destroy(refused); // write after end also emits 'error'; after destroy it does not
            return false;
        }
        if (callback == null && !_writing && _corked == 0 && !_needDrain && !_connecting && _handle != null && count > 0)
        {
            // Fast path: nothing in flight and no callback to call later, so a write the kernel takes whole needs no
            // bookkeeping at all (Node's synchronous completion, minus the objects). Otherwise what is left becomes the
            // batch in flight (queued by the engine, or failed).
            Touch();
            var status = _handle.Write(data, this, null, out long written, out int error, out var queued);
            _bytesDispatched += written;
            NodeNetMetrics.BytesWritten.Add(written);
            if (status == WriteStatus.Done) return (_writableLength < _hwm || _writableLength == 0) && !_destroyed;
            long rest = count - written;
            // The whole write counts until it completes, as in Node: libuv has only part of it yet.
            var batch = new WriteBatch([new WriteOp(data.Slice((int)written), null, counted)], rest);
            if (queued != null) queued.State = batch; // its completion finds the batch, as for any other
            AdjustWritable(counted, rest);
            _writing = true;
            Started(batch, status, error);
            return Ok();
        }
        AdjustWritable(counted, count);
        var op = new WriteOp(data, callback, counted);
        if (_writing || _corked > 0) { _buffered.Add(op); _bytesBuffered += op.Count; }
        else
        {
            _writing = true;
            if (_connecting) WaitForConnect(new WriteBatch([op], count));
            else if (_handle == null)
            {
                _writing = false;
                AdjustWritable(-counted, -count);
                var err = NodeErrors.SocketClosed();
                CallbackNextTick(callback, err);
                Destroy(err);
                return false;
            }
            else Dispatch(new WriteBatch([op], count));
        }
        return Ok();
    }

    /// <summary>Write's answer, as Node's writeOrBuffer: measured after the write, so bytes the kernel took at once don't count.</summary>
    private bool Ok()
    {
        // An empty buffer never asks for 'drain', even with a high-water mark of 0 (Node 24 and later).
        bool ok = _writableLength < _hwm || _writableLength == 0;
        if (!ok) _needDrain = true;
        return ok && !_destroyed;
    }

    /// <summary>Calls a write callback on the next tick. A method of its own: a lambda capturing <c>callback</c> inside
    /// WriteCore would make every write allocate a closure, whichever path it takes.</summary>
    private void CallbackNextTick(Action<Exception?>? callback, Exception error)
    {
        if (callback != null) _loop.NextTick(() => callback(error));
    }

    /// <summary>writableLength moves by <paramref name="counted"/> (Node's units); the write-queue metric by bytes.</summary>
    private void AdjustWritable(long counted, long bytes)
    {
        _writableLength += counted;
        NodeNetMetrics.WriteQueueBytes.Add(bytes);
    }

    /// <summary>A batch goes to the write engine; the request carries it back when it completes.</summary>
    private void Dispatch(WriteBatch batch, bool sync = true)
    {
        Touch();
        var ops = batch.Ops;
        WriteStatus status;
        int error;
        if (ops.Length == 1) status = _handle!.Write(ops[0].Data, this, batch, out _, out error);
        else
        {
            var buffers = new ReadOnlyMemory<byte>[ops.Length];
            for (int i = 0; i < ops.Length; i++) buffers[i] = ops[i].Data;
            status = _handle!.Write(buffers, this, batch, out _, out error);
        }
        Started(batch, status, error, sync);
    }

    /// <summary>What the engine did with the batch in flight: written (its callbacks follow on the next tick), queued
    /// (they follow its completion), or failed (the socket is destroyed with the error).</summary>
    private void Started(WriteBatch batch, WriteStatus status, int error, bool sync = true)
    {
        if (status == WriteStatus.Failed) { OnWrite(batch, NodeNetException.FromUv(error, "write"), sync); return; }
        _bytesDispatched += batch.Bytes;
        if (status == WriteStatus.Queued) return;
        NodeNetMetrics.BytesWritten.Add(batch.Bytes);
        OnWrite(batch, null, sync);
    }

    private void AfterAsyncWrite(WriteBatch batch, int status)
    {
        if (status == 0) NodeNetMetrics.BytesWritten.Add(batch.Bytes);
        var error = status < 0 ? NodeNetException.FromUv(status, "write") : null;
        // A write the socket's own destroy cut short: its callbacks, and those of the writes buffered behind it, hear
        // libuv's error (ECANCELED), as in Node 22 and later (Node 20 reported success and ERR_STREAM_DESTROYED).
        if (_destroyed) batch.CutShort = error;
        OnWrite(batch, _destroyed ? null : error, sync: false);
    }

    /// <summary>Writable's onwrite: the batch left our hands; buffered writes go next, callbacks follow (next tick when synchronous).</summary>
    private void OnWrite(WriteBatch batch, Exception? error, bool sync)
    {
        _writing = false;
        AdjustWritable(-batch.Counted, -batch.Bytes);
        if (error != null)
        {
            foreach (var op in batch.Ops) if (op.Callback is { } cb) _loop.NextTick(() => cb(error));
            Destroy(error);
            return;
        }
        if (_buffered.Count > 0 && !_destroyed && _handle != null && !_connecting && _corked == 0) DispatchBuffered();
        if (sync) _loop.NextTick(() => AfterWrite(batch));
        else AfterWrite(batch);
    }

    private void DispatchBuffered() => Dispatch(TakeBuffered());

    /// <summary>Every buffered write, as the one batch now in flight.</summary>
    private WriteBatch TakeBuffered()
    {
        var ops = _buffered.ToArray();
        _buffered.Clear();
        _bytesBuffered = 0;
        long bytes = 0;
        foreach (var op in ops) bytes += op.Count;
        _writing = true;
        return new WriteBatch(ops, bytes);
    }

    private void AfterWrite(WriteBatch batch)
    {
        if (_needDrain && _writableLength == 0 && !_ending && !_destroyed)
        {
            _needDrain = false;
            EmitEvent("drain");
        }
        Touch();
        foreach (var op in batch.Ops) op.Callback?.Invoke(batch.CutShort);
        if (_destroyed) FailBuffered(batch.CutShort);
        else MaybeFinish();
    }

    /// <summary>Node's errorBuffer: buffered writes and pending end callbacks hear the destroy error, else the error
    /// of the write in flight that the destroy cut short, else ERR_STREAM_DESTROYED; not while a write is in flight.</summary>
    private void FailBuffered(Exception? cutShort)
    {
        if (_writing) return;
        var ops = _buffered.ToArray();
        _buffered.Clear();
        _bytesBuffered = 0;
        foreach (var op in ops)
        {
            AdjustWritable(-op.Counted, -op.Count);
            op.Callback?.Invoke(_errored ?? cutShort ?? NodeErrors.StreamDestroyed("write"));
        }
        var finished = _onFinished.ToArray();
        _onFinished.Clear();
        foreach (var cb in finished) cb(_errored ?? cutShort ?? NodeErrors.StreamDestroyed("end"));
    }

    /// <summary>Called by Destroy: buffered writes fail on the next tick unless one is in flight (it fails them when done).</summary>
    private void AbortWrites()
    {
        if (_waitingForConnect != null) return; // its 'close' hook (see WaitForConnect) takes care of everything
        if (!_writing && (_buffered.Count > 0 || _onFinished.Count > 0)) _loop.NextTick(() => FailBuffered(null));
    }

    /// <summary>Node's _writeGeneric while connecting: the write waits for 'connect' (a listener added now, so it runs
    /// after the 'connect' listeners added before it and before later ones); if 'close' comes first it fails with
    /// ERR_SOCKET_CLOSED_BEFORE_CONNECTION.</summary>
    private void WaitForConnect(WriteBatch batch)
    {
        _waitingForConnect = batch;
        Action onClose = () =>
        {
            if (_waitingForConnect != batch) return;
            _waitingForConnect = null;
            if (_connectWaitConnectHook != null) { Off("connect", _connectWaitConnectHook); _connectWaitConnectHook = null; }
            _writing = false;
            AdjustWritable(-batch.Counted, -batch.Bytes);
            foreach (var op in batch.Ops) op.Callback?.Invoke(NodeErrors.SocketClosedBeforeConnection());
            FailBuffered(null);
        };
        _connectWaitCloseHook = onClose;
        _connectWaitConnectHook = FlushAfterConnect;
        Once("close", onClose);
        Once("connect", _connectWaitConnectHook);
    }

    private Action? _connectWaitCloseHook, _connectWaitConnectHook;

    /// <summary>At 'connect': the write that waited goes out; the rest follow it. Its callbacks run as soon as it is
    /// written, within this 'connect' emit, as Node's (the write began before, so it does not count as synchronous).</summary>
    private void FlushAfterConnect()
    {
        _connectWaitConnectHook = null;
        if (_waitingForConnect is not { } batch || _destroyed) return;
        _waitingForConnect = null;
        if (_connectWaitCloseHook != null) { Off("close", _connectWaitCloseHook); _connectWaitCloseHook = null; }
        Dispatch(batch, sync: false);
    }

    /// <summary>socket.end([callback]): sends FIN once everything queued is written. <paramref name="callback"/> runs at 'finish'.</summary>
    public Socket End(Action? callback = null) => EndCore(callback == null ? null : _ => callback());

    /// <summary>socket.end(callback) with the error Node passes: null at 'finish'; ERR_STREAM_ALREADY_FINISHED,
    /// ERR_STREAM_DESTROYED, or the error that destroyed the socket (ERR_SOCKET_CLOSED_BEFORE_CONNECTION …) otherwise.</summary>
    public Socket End(Action<Exception?> callback) => EndCore(callback);

    /// <summary>socket.end(data[, callback]).</summary>
    public Socket End(byte[] data, Action? callback = null)
    {
        VerifyLoopThread();
        Write(data);
        return End(callback);
    }

    /// <summary>socket.end(string[, encoding][, callback]).</summary>
    public Socket End(string data, string? encoding = null, Action? callback = null)
    {
        VerifyLoopThread();
        Write(data, encoding);
        return End(callback);
    }

    /// <summary>socket.end(data, callback) whose callback receives the error (see <see cref="End(Action{Exception?})"/>).</summary>
    public Socket End(byte[] data, Action<Exception?> callback)
    {
        VerifyLoopThread();
        Write(data);
        return EndCore(callback);
    }

    /// <summary>socket.end(string, encoding, callback) whose callback receives the error.</summary>
    public Socket End(string data, string? encoding, Action<Exception?> callback)
    {
        VerifyLoopThread();
        Write(data, encoding);
        return EndCore(callback);
    }

    private Socket EndCore(Action<Exception?>? callback)
    {
        _loop.Uv.VerifyThread();
        // As Node's end(): held writes go out first.
        if (_corked > 0) { _corked = 1; Uncork(); }
        Exception? error = null;
        if (_errored == null && !_ending)
        {
            _ending = true;
            MaybeFinish();
        }
        else if (_finished) error = NodeErrors.StreamAlreadyFinished("end");
        else if (_destroyed) error = NodeErrors.StreamDestroyed("end");
        if (callback != null)
        {
            if (error != null) _loop.NextTick(() => callback(error));
            else if (_finished) _loop.NextTick(() => callback(null));
            else _onFinished.Add(callback);
        }
        return this;
    }

    private void MaybeFinish()
    {
        if (!_ending || _finalCalled || _finished || _destroyed || _writing || _writableLength != 0 || _connecting) return;
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
        EmitEvent("finish");
        if (_readable.EndEmitted) DestroyCore(null, EndedReason); // both sides done: autoDestroy
    }
}
