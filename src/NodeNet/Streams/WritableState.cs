namespace NodeNet.Streams;

/// <summary>A write: its bytes, and how much it counts in writableLength as Node counts it (a string by its length in
/// UTF-16 units, net.Socket keeping strings as they are; a Buffer by its bytes).</summary>
internal sealed class WriteOp(ReadOnlyMemory<byte> data, Action<Exception?>? callback, int counted)
{
    public readonly ReadOnlyMemory<byte> Data = data;
    public int Count => Data.Length;
    public readonly int Counted = counted;
    public readonly Action<Exception?>? Callback = callback;
}

/// <summary>Writes handed to the sink together.</summary>
internal sealed class WriteBatch(WriteOp[] ops, long bytes)
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

    public Exception? CutShort; // the sink's error for a batch that its owner's destroy cancelled
}

/// <summary>
/// Node's Writable (lib/internal/streams/writable.js) as net.Socket drives it: one batch in flight at a time; writes
/// made meanwhile (or while corked, or connecting) are buffered and go out together as one batch when it completes, as
/// Node's writev does; writableLength counts every byte not yet handed to the kernel; cork, end and 'finish'. It knows
/// nothing of libuv: <see cref="IWritableHost"/> sends the batches and reports their completion back.
/// </summary>
/// <remarks>Written on the loop thread only; the fields other threads read (the socket's status properties) are read
/// through Volatile.</remarks>
internal sealed class WritableState(IWritableHost host, int highWaterMark)
{
    private readonly IWritableHost _host = host;
    private readonly List<WriteOp> _buffered = [];
    private readonly List<Action<Exception?>> _onFinished = [];
    private WriteBatch? _waitingForConnect; // the write that is "in flight" while connecting
    private bool _writing;
    private long _length;        // writableLength, in Node's units
    private bool _needDrain;
    private bool _ending;        // end() called (writableEnded)
    private bool _finalCalled;   // _final (the shutdown) issued
    private bool _finished;      // 'finish' emitted
    private long _dispatched;    // bytes handed to the sink
    private long _bufferedBytes; // bytes of the writes in _buffered: BytesWritten counts them without walking the list
    private int _corked;

    public readonly int HighWaterMark = highWaterMark;

    /// <summary>The peer ended and its end ended ours (Node's writeAfterFIN): writes after our end fail with EPIPE.</summary>
    public bool WriteAfterFin;

    public int Corked => Volatile.Read(ref _corked);
    public long Length => Volatile.Read(ref _length);
    public bool NeedDrain => Volatile.Read(ref _needDrain);
    public bool Ending => Volatile.Read(ref _ending);
    public bool Finished => Volatile.Read(ref _finished);
    public long Dispatched => Volatile.Read(ref _dispatched);
    public WriteBatch? WaitingForConnect => _waitingForConnect;

    /// <summary>bytesWritten: bytes handed to the sink plus bytes still queued.</summary>
    public long BytesWritten =>
        Volatile.Read(ref _dispatched) + Volatile.Read(ref _bufferedBytes) + (Volatile.Read(ref _waitingForConnect)?.Bytes ?? 0);

    /// <summary>Made with writable: false (ended and finished from the start, never aborted).</summary>
    public bool MadeNotWritable { get; private set; }

    public void NotWritable() => _ending = _finished = MadeNotWritable = true;

    /// <summary>Node's _undestroy: a socket that connects again writes afresh (cork count and end callbacks stay).</summary>
    public void Reset()
    {
        _ending = _finalCalled = _finished = WriteAfterFin = false;
        _length = 0;
        _writing = false;
        _buffered.Clear();
        _bufferedBytes = 0;
        _needDrain = false;
        _dispatched = 0;
    }

    /// <summary>Bytes another writer (the pipe view) handed to the same sink.</summary>
    public void AddDispatched(long bytes) => _dispatched += bytes;

    public void Cork() => _corked++;

    public void Uncork()
    {
        if (_corked == 0) return;
        _corked--;
        if (_corked == 0 && !_writing) SendCorked();
    }

    private void SendCorked()
    {
        if (_buffered.Count == 0 || _host.Destroyed) return;
        if (!_host.HasSink)
        {
            // Never connected: the held writes fail as a write would (Node's _writeGeneric without a handle).
            var err = NodeErrors.SocketClosed();
            FailHeld(err);
            _host.Destroy(err);
            return;
        }
        if (_host.Connecting)
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
        _bufferedBytes = 0;
        foreach (var op in ops)
        {
            Adjust(-op.Counted, -op.Count);
            CallbackNextTick(op.Callback, error);
        }
    }

    /// <summary>write(chunk, callback): <paramref name="counted"/> is what it adds to writableLength (Node's count), or
    /// -1 for its byte count. False once the queue reaches the high-water mark, or when the write was refused.</summary>
    public bool Write(ReadOnlyMemory<byte> data, Action<Exception?>? callback, int counted)
    {
        int count = data.Length;
        if (counted < 0) counted = count;
        if (WriteAfterFin && _ending)
        {
            var epipe = NodeErrors.EndedByOtherParty();
            CallbackNextTick(callback, epipe);
            _host.Destroy(epipe);
            return false;
        }
        Exception? refused = _ending ? NodeErrors.WriteAfterEnd() : _host.Destroyed ? NodeErrors.StreamDestroyed("write") : null;
        if (refused != null)
        {
            CallbackNextTick(callback, refused);
            if (!_host.Destroyed) _host.Destroy(refused); // write after end also emits 'error'; after destroy it does not
            return false;
        }
        if (callback == null && !_writing && _corked == 0 && !_needDrain && !_host.Connecting && _host.HasSink && count > 0)
        {
            // Fast path: nothing in flight and no callback to call later, so a write the kernel takes whole needs no
            // bookkeeping at all (Node's synchronous completion, minus the objects). Otherwise what is left becomes the
            // batch in flight (queued by the sink, or failed).
            _host.Touch();
            var failure = _host.SendNow(data, out long written, out bool queued, out object? pending);
            _dispatched += written;
            NodeNetMetrics.BytesWritten.Add(written);
            if (failure == null && !queued) return (_length < HighWaterMark || _length == 0) && !_host.Destroyed;
            long rest = count - written;
            // The whole write counts until it completes, as in Node: the sink has only part of it yet.
            var batch = new WriteBatch([new WriteOp(data.Slice((int)written), null, counted)], rest);
            if (pending != null) _host.Attach(pending, batch); // its completion finds the batch, as for any other
            Adjust(counted, rest);
            _writing = true;
            Started(batch, failure, queued);
            return Ok();
        }
        Adjust(counted, count);
        var op = new WriteOp(data, callback, counted);
        if (_writing || _corked > 0) { _buffered.Add(op); _bufferedBytes += op.Count; }
        else
        {
            _writing = true;
            if (_host.Connecting) WaitForConnect(new WriteBatch([op], count));
            else if (!_host.HasSink)
            {
                _writing = false;
                Adjust(-counted, -count);
                var err = NodeErrors.SocketClosed();
                CallbackNextTick(callback, err);
                _host.Destroy(err);
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
        bool ok = _length < HighWaterMark || _length == 0;
        if (!ok) _needDrain = true;
        return ok && !_host.Destroyed;
    }

    /// <summary>Calls a write callback on the next tick. A method of its own: a lambda capturing <c>callback</c> inside
    /// Write would make every write allocate a closure, whichever path it takes.</summary>
    private void CallbackNextTick(Action<Exception?>? callback, Exception error)
    {
        if (callback != null) _host.NextTick(() => callback(error));
    }

    /// <summary>writableLength moves by <paramref name="counted"/> (Node's units); the write-queue metric by bytes.</summary>
    private void Adjust(long counted, long bytes)
    {
        _length += counted;
        NodeNetMetrics.WriteQueueBytes.Add(bytes);
    }

    /// <summary>A batch goes to the sink; its completion carries it back.</summary>
    private void Dispatch(WriteBatch batch, bool sync = true)
    {
        _host.Touch();
        var failure = _host.Send(batch, out bool queued);
        Started(batch, failure, queued, sync);
    }

    /// <summary>What the sink did with the batch in flight: written (its callbacks follow on the next tick), queued
    /// (they follow its completion), or failed (the owner is destroyed with the error).</summary>
    private void Started(WriteBatch batch, Exception? failure, bool queued, bool sync = true)
    {
        if (failure != null) { OnWrite(batch, failure, sync); return; }
        _dispatched += batch.Bytes;
        if (queued) return;
        NodeNetMetrics.BytesWritten.Add(batch.Bytes);
        OnWrite(batch, null, sync);
    }

    /// <summary>A queued batch completed, with the sink's error or null.</summary>
    public void Completed(WriteBatch batch, Exception? error)
    {
        if (error == null) NodeNetMetrics.BytesWritten.Add(batch.Bytes);
        // A write the owner's own destroy cut short: its callbacks, and those of the writes buffered behind it, hear
        // the sink's error (ECANCELED), as in Node 22 and later (Node 20 reported success and ERR_STREAM_DESTROYED).
        bool destroyed = _host.Destroyed;
        if (destroyed) batch.CutShort = error;
        OnWrite(batch, destroyed ? null : error, sync: false);
    }

    /// <summary>Writable's onwrite: the batch left our hands; buffered writes go next, callbacks follow (next tick when synchronous).</summary>
    private void OnWrite(WriteBatch batch, Exception? error, bool sync)
    {
        _writing = false;
        Adjust(-batch.Counted, -batch.Bytes);
        if (error != null)
        {
            foreach (var op in batch.Ops) if (op.Callback is { } cb) _host.NextTick(() => cb(error));
            _host.Destroy(error);
            return;
        }
        if (_buffered.Count > 0 && !_host.Destroyed && _host.HasSink && !_host.Connecting && _corked == 0) DispatchBuffered();
        if (sync) _host.NextTick(() => AfterWrite(batch));
        else AfterWrite(batch);
    }

    private void DispatchBuffered() => Dispatch(TakeBuffered());

    /// <summary>Every buffered write, as the one batch now in flight.</summary>
    private WriteBatch TakeBuffered()
    {
        var ops = _buffered.ToArray();
        _buffered.Clear();
        _bufferedBytes = 0;
        long bytes = 0;
        foreach (var op in ops) bytes += op.Count;
        _writing = true;
        return new WriteBatch(ops, bytes);
    }

    private void AfterWrite(WriteBatch batch)
    {
        if (_needDrain && _length == 0 && !_ending && !_host.Destroyed)
        {
            _needDrain = false;
            _host.EmitDrain();
        }
        _host.Touch();
        foreach (var op in batch.Ops) op.Callback?.Invoke(batch.CutShort);
        if (_host.Destroyed) FailBuffered(batch.CutShort);
        else MaybeFinish();
    }

    /// <summary>Node's errorBuffer: buffered writes and pending end callbacks hear the destroy error, else the error
    /// of the write in flight that the destroy cut short, else ERR_STREAM_DESTROYED; not while a write is in flight.</summary>
    private void FailBuffered(Exception? cutShort)
    {
        if (_writing) return;
        var ops = _buffered.ToArray();
        _buffered.Clear();
        _bufferedBytes = 0;
        foreach (var op in ops)
        {
            Adjust(-op.Counted, -op.Count);
            op.Callback?.Invoke(_host.Errored ?? cutShort ?? NodeErrors.StreamDestroyed("write"));
        }
        var finished = _onFinished.ToArray();
        _onFinished.Clear();
        foreach (var cb in finished) cb(_host.Errored ?? cutShort ?? NodeErrors.StreamDestroyed("end"));
    }

    /// <summary>The owner was destroyed: buffered writes fail on the next tick unless one is in flight (it fails them
    /// when done).</summary>
    public void Abort()
    {
        if (_waitingForConnect != null) return; // the owner's 'close' hook (ConnectFailed) takes care of everything
        if (!_writing && (_buffered.Count > 0 || _onFinished.Count > 0)) _host.NextTick(() => FailBuffered(null));
    }

    /// <summary>Node's _writeGeneric while connecting: the batch waits for the sink to connect.</summary>
    private void WaitForConnect(WriteBatch batch)
    {
        _waitingForConnect = batch;
        _host.WaitForConnect(batch);
    }

    /// <summary>The owner closed before connecting: the batch that waits (<see cref="WaitingForConnect"/>) and everything
    /// behind it fail with ERR_SOCKET_CLOSED_BEFORE_CONNECTION.</summary>
    public void ConnectFailed(WriteBatch batch)
    {
        _waitingForConnect = null;
        _writing = false;
        Adjust(-batch.Counted, -batch.Bytes);
        foreach (var op in batch.Ops) op.Callback?.Invoke(NodeErrors.SocketClosedBeforeConnection());
        FailBuffered(null);
    }

    /// <summary>At 'connect': the batch that waited goes out; the rest follow it. Its callbacks run as soon as it is
    /// written (the write began before, so it does not count as synchronous).</summary>
    public void SendAfterConnect(WriteBatch batch)
    {
        _waitingForConnect = null;
        Dispatch(batch, sync: false);
    }

    /// <summary>end([callback]): the writing side ends once everything queued is written; <paramref name="callback"/>
    /// runs at 'finish', or hears ERR_STREAM_ALREADY_FINISHED, ERR_STREAM_DESTROYED or the destroy error.</summary>
    public void End(Action<Exception?>? callback)
    {
        // As Node's end(): held writes go out first.
        if (_corked > 0) { _corked = 1; Uncork(); }
        Exception? error = null;
        if (_host.Errored == null && !_ending)
        {
            _ending = true;
            MaybeFinish();
        }
        else if (_finished) error = NodeErrors.StreamAlreadyFinished("end");
        else if (_host.Destroyed) error = NodeErrors.StreamDestroyed("end");
        if (callback != null)
        {
            if (error != null) _host.NextTick(() => callback(error));
            else if (_finished) _host.NextTick(() => callback(null));
            else _onFinished.Add(callback);
        }
    }

    /// <summary>Node's finishMaybe: once ended and drained (and connected), _final shuts the sink down.</summary>
    public void MaybeFinish()
    {
        if (!_ending || _finalCalled || _finished || _host.Destroyed || _writing || _length != 0 || _host.Connecting) return;
        _finalCalled = true;
        var failure = _host.Shutdown(out bool started);
        if (started) return;
        if (failure == null) _host.NextTick(Finish);
        else _host.Destroy(failure);
    }

    /// <summary>The shutdown completed. One that failed because the peer already went away still completes our side,
    /// as in Node.</summary>
    public void ShutDown()
    {
        if (_host.Destroyed) return;
        _host.NextTick(Finish);
    }

    private void Finish()
    {
        if (_finished || _host.Destroyed) return;
        _finished = true;
        foreach (var cb in _onFinished.ToArray()) cb(null);
        _onFinished.Clear();
        _host.EmitFinish();
    }
}
