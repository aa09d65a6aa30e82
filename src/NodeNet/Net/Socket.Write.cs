using NodeNet.Streams;
using NodeNet.Native;
using NodeNet.Uv;

namespace NodeNet;

// The writable side of net.Socket: Node's Writable state machine is Streams/WritableState, and this part is its
// host (net.Socket._writeGeneric and _final over the handle's write engine) and the public write/end/cork API.
public sealed partial class Socket : IWritableHost
{
    private readonly WritableState _writable;
    private string _defaultEncoding = "utf8";

    /// <summary>writableCorked: how many Uncork calls it takes to send what Cork held back. Any thread: as the loop
    /// last set it.</summary>
    public int WritableCorked => _writable.Corked;

    /// <summary>writableAborted: destroyed or errored before 'finish'. Any thread: as the loop last set it.</summary>
    public bool WritableAborted =>
        (Volatile.Read(ref _destroyed) || Volatile.Read(ref _errored) != null) && !_writable.Finished && !_writable.MadeNotWritable;

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
        _writable.Cork();
    }

    /// <summary>socket.uncork(): undoes one <see cref="Cork"/>; the last one sends what was held back.</summary>
    public void Uncork()
    {
        VerifyLoopThread();
        _writable.Uncork();
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
    public bool Writable => !Volatile.Read(ref _destroyed) && !_writable.Ending;

    /// <summary>Bytes queued and not yet handed to the kernel (writableLength). Any thread: as the loop last set
    /// it.</summary>
    public long WritableLength => _writable.Length;

    /// <summary>Deprecated alias of <see cref="WritableLength"/>; null without a handle. Any thread: as the loop last
    /// set it.</summary>
    public long? BufferSize => Volatile.Read(ref _handle) != null ? _writable.Length : null;

    /// <summary>writableHighWaterMark (65536 unless set by options, as in Node 22 and later; 16384 on Windows, as
    /// there). Any thread (fixed at construction).</summary>
    public int WritableHighWaterMark => _writable.HighWaterMark;

    /// <summary>True after Write returned false, until 'drain'. Any thread: as the loop last set it.</summary>
    public bool WritableNeedDrain => _writable.NeedDrain;

    /// <summary>True once End was called. Any thread: as the loop last set it.</summary>
    public bool WritableEnded => _writable.Ending;

    /// <summary>True once 'finish' was emitted. Any thread: as the loop last set it.</summary>
    public bool WritableFinished => _writable.Finished;

    /// <summary>Bytes written plus bytes still queued; kept after destroy. Any thread: as the loop last set it.</summary>
    public long BytesWritten => _writable.BytesWritten;

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
        _loop.Uv.VerifyThread();
        if (_ipc != null) throw IpcIsNotAStream();
        return _writable.Write(data, callback, counted);
    }

    // IWritableHost: Node's _writeGeneric and _final over the handle's write engine (Uv/UvStream.Write.cs).
    bool IWritableHost.HasSink => _handle != null;
    bool IWritableHost.Connecting => _connecting;
    bool IWritableHost.Destroyed => _destroyed;
    Exception? IWritableHost.Errored => _errored;
    void IWritableHost.Touch() => Touch();
    void IWritableHost.EmitDrain() => EmitEvent("drain");
    void IWritableHost.Destroy(Exception error) => Destroy(error);
    void IWritableHost.NextTick(Action callback) => _loop.NextTick(callback);

    Exception? IWritableHost.SendNow(ReadOnlyMemory<byte> data, out long written, out bool queued, out object? pending)
    {
        var status = _handle!.Write(data, this, null, out written, out int error, out var request);
        pending = request;
        return Outcome(status, error, out queued);
    }

    /// <summary>The engine's answer as the state machine takes it: the failure, or null and whether the rest is queued.</summary>
    private static Exception? Outcome(WriteStatus status, int error, out bool queued)
    {
        queued = status == WriteStatus.Queued;
        return status == WriteStatus.Failed ? NodeNetException.FromUv(error, "write") : null;
    }

    void IWritableHost.Attach(object pending, WriteBatch batch) => ((UvRequest)pending).State = batch;

    Exception? IWritableHost.Send(WriteBatch batch, out bool queued)
    {
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
        return Outcome(status, error, out queued);
    }

    Exception? IWritableHost.Shutdown(out bool started)
    {
        started = false;
        if (_handle == null) return null;
        var req = _loop.Uv.Requests.Rent(UvReqType.Shutdown, this);
        int rc = _handle.Shutdown(req);
        if (rc == 0) { started = true; return null; }
        _loop.Uv.Requests.Abandon(req);
        return rc == UvErrors.ENOTCONN ? null : NodeNetException.FromUv(rc, "shutdown");
    }

    void IWritableHost.EmitFinish()
    {
        EmitEvent("finish");
        if (_readable.EndEmitted) DestroyCore(null, EndedReason); // both sides done: autoDestroy
    }

    /// <summary>A queued write's request completed.</summary>
    private void AfterAsyncWrite(WriteBatch batch, int status) =>
        _writable.Completed(batch, status < 0 ? NodeNetException.FromUv(status, "write") : null);

    /// <summary>Node's _writeGeneric while connecting: the write waits for 'connect' (a listener added now, so it runs
    /// after the 'connect' listeners added before it and before later ones); if 'close' comes first it fails with
    /// ERR_SOCKET_CLOSED_BEFORE_CONNECTION.</summary>
    void IWritableHost.WaitForConnect(WriteBatch batch)
    {
        Action onClose = () =>
        {
            if (_writable.WaitingForConnect != batch) return;
            if (_connectWaitConnectHook != null) { Off("connect", _connectWaitConnectHook); _connectWaitConnectHook = null; }
            _writable.ConnectFailed(batch);
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
        if (_writable.WaitingForConnect is not { } batch || _destroyed) return;
        if (_connectWaitCloseHook != null) { Off("close", _connectWaitCloseHook); _connectWaitCloseHook = null; }
        _writable.SendAfterConnect(batch);
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
        _writable.End(callback);
        return this;
    }
}
