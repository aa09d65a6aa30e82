using System.Buffers;
using System.IO.Pipelines;
using NodeNet.Native;
using NodeNet.Uv;

namespace NodeNet;

// The Task-based API. Every method may be called from any thread: the work runs on the socket's loop.
// Errors surface through the returned tasks; using this API also installs an 'error' listener so that
// an error does not become the loop's uncaught exception.
public sealed partial class Socket : IAsyncDisposable, IAsyncEnumerable<ReadOnlyMemory<byte>>
{
    private SocketTransport? _transport; // made on the first pull-mode call, from any thread; it reads the socket (_reader) once attached on the loop
    private SemaphoreSlim? _readGate;
    private int _errorSink;

    /// <summary>Connects; completes at 'connect', faults with the connect error (or ERR_SOCKET_CLOSED_BEFORE_CONNECTION when
    /// the socket is destroyed first). Cancelling destroys the socket.</summary>
    public Task ConnectAsync(ConnectOptions options, CancellationToken cancellationToken = default) =>
        ConnectAsync(options, applyTimeout: false, cancellationToken);

    /// <summary><paramref name="applyTimeout"/>: net.connect's setTimeout(options.timeout), done on the loop before connecting.
    /// <paramref name="signal"/>: net.connect's socket signal, attached on the loop once errors have a listener.</summary>
    internal Task ConnectAsync(ConnectOptions options, bool applyTimeout, CancellationToken cancellationToken, CancellationToken signal = default)
    {
        NodeErrors.ThrowIfNull(options);
        return EventTask.Until(_loop, this, "connect", static () => true, () =>
            {
                EnsureErrorSink();
                if (signal.CanBeCanceled)
                {
                    AddAbortSignal(signal);
                    if (_destroyed) return; // aborted already: 'error' then 'close' end the task; Connect would undestroy
                }
                if (applyTimeout && options.Timeout is { } t && t != 0) SetTimeout(t);
                Connect(options);
            },
            cancellationToken, cancel: () => Destroy(),
            failEvent: ("close", () => _errored ?? NodeErrors.SocketClosedBeforeConnection()));
    }

    /// <summary>Connects to <paramref name="port"/> on <paramref name="host"/> (default localhost).</summary>
    public Task ConnectAsync(int port, string? host = null, CancellationToken cancellationToken = default) =>
        ConnectAsync(new ConnectOptions { Port = port, Host = host }, cancellationToken);

    /// <summary>Connects to a Unix domain socket or Windows pipe.</summary>
    public Task ConnectAsync(string path, CancellationToken cancellationToken = default) =>
        ConnectAsync(new ConnectOptions { Path = path ?? throw NodeErrors.InvalidArgType("path", "of type string", null) }, cancellationToken);

    /// <summary>Writes <paramref name="data"/>; completes when libuv reports the bytes handed to the kernel, and faults when
    /// they never got there (the socket was destroyed first: ECANCELED, or ERR_STREAM_DESTROYED while still queued).
    /// Keep the memory unchanged until then. Cancelling a pending write destroys the socket (nothing is half-sent silently).</summary>
    public Task WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default)
    {
        if (cancellationToken.IsCancellationRequested) return Task.FromCanceled(cancellationToken);
        var done = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        var task = LoopTask.Track(_loop, done, cancellationToken, () => Destroy());
        bool posted = _loop.RunOrPost(() =>
        {
            if (done.Task.IsCompleted) return; // cancelled while the post waited: nothing was written
            EnsureErrorSink();
            try { WriteCore(data, e => { if (e == null) done.TrySetResult(true); else done.TrySetException(e); }); }
            catch (Exception e) { done.TrySetException(e); }
        });
        if (!posted) done.TrySetException(LoopTask.LoopEnded());
        return task;
    }

    /// <summary>Ends the writable side (FIN); completes at 'finish'. Cancelling destroys the socket.</summary>
    public Task EndAsync(CancellationToken cancellationToken = default)
    {
        if (cancellationToken.IsCancellationRequested) return Task.FromCanceled(cancellationToken);
        var done = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        var task = LoopTask.Track(_loop, done, cancellationToken, () => Destroy());
        bool posted = _loop.RunOrPost(() =>
        {
            if (done.Task.IsCompleted) return;
            EnsureErrorSink();
            if (_writable.Finished) { done.TrySetResult(true); return; }
            if (_destroyed) { done.TrySetException(_errored ?? NodeErrors.StreamDestroyed("end")); return; }
            Once<Exception>("error", e => done.TrySetException(e));
            Once("close", () => done.TrySetException(_errored ?? NodeErrors.StreamDestroyed("end")));
            End(() => done.TrySetResult(true));
        });
        if (!posted) done.TrySetException(LoopTask.LoopEnded());
        return task;
    }

    /// <summary>Reads into <paramref name="buffer"/>; 0 at the end of the stream. Switches the socket to pull mode:
    /// 'data' events stop, and the socket behaves as allowHalfOpen (end your side with <see cref="EndAsync"/>).
    /// Cancelling a pending read leaves the socket usable and loses no data.</summary>
    public async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var transport = EnsureTransport(output: false);
        var gate = ReadGate;
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            while (true)
            {
                var result = await transport.Input.ReadAsync(cancellationToken).ConfigureAwait(false);
                var data = result.Buffer;
                if (data.IsEmpty && result.IsCompleted) { transport.Input.AdvanceTo(data.End); return 0; }
                if (data.IsEmpty) { transport.Input.AdvanceTo(data.End); continue; }
                int n = (int)Math.Min(buffer.Length, data.Length);
                var slice = data.Slice(0, n);
                slice.CopyTo(buffer.Span);
                transport.Input.AdvanceTo(slice.End);
                return n;
            }
        }
        finally { gate.Release(); }
    }

    /// <summary>Node's <c>for await (const chunk of socket)</c>: <c>await foreach (var chunk in socket)</c> gives what has
    /// arrived, a chunk at a time, each in memory of its own (keep it as long as you like); the loop ends at the peer's FIN,
    /// throws the socket's error, and throws ERR_STREAM_PREMATURE_CLOSE when the socket is destroyed before the FIN.
    /// As in Node, leaving the loop (its end, a break, an exception, a cancellation) destroys the socket: read with
    /// <see cref="ReadAsync"/> or <see cref="AsStream"/> to keep writing after. Pull mode, as <see cref="ReadAsync"/>:
    /// 'data' events stop. Callable from any thread.</summary>
    public async IAsyncEnumerator<ReadOnlyMemory<byte>> GetAsyncEnumerator(CancellationToken cancellationToken = default)
    {
        try
        {
            while (await ReadChunkAsync(cancellationToken).ConfigureAwait(false) is { } chunk) yield return chunk;
            if (!_eof) throw NodeErrors.PrematureClose();
        }
        finally
        {
            if (_loop.IsLoopThread) { if (!_destroyed) Destroy(); }
            else _loop.TryPost(() => { if (!_destroyed) Destroy(); });
        }
    }

    /// <summary>Everything that has arrived, in an array of its own; null at the end of the stream.</summary>
    private async ValueTask<byte[]?> ReadChunkAsync(CancellationToken cancellationToken)
    {
        var transport = EnsureTransport(output: false);
        var gate = ReadGate;
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            while (true)
            {
                var result = await transport.Input.ReadAsync(cancellationToken).ConfigureAwait(false);
                var data = result.Buffer;
                byte[]? chunk = data.IsEmpty ? null : data.ToArray();
                transport.Input.AdvanceTo(data.End);
                if (chunk != null || result.IsCompleted) return chunk;
            }
        }
        finally { gate.Release(); }
    }

    /// <summary>One pull-mode read at a time (ReadAsync, the chunk enumerator and AsStream share it).</summary>
    private SemaphoreSlim ReadGate => _readGate ?? Interlocked.CompareExchange(ref _readGate, new SemaphoreSlim(1, 1), null) ?? _readGate!;

    /// <summary>The zero-copy view for protocol code: libuv reads into <see cref="IDuplexPipe.Input"/>'s pooled memory and
    /// writes from <see cref="IDuplexPipe.Output"/>'s. 'data' events stop; completing Output sends FIN.
    /// Input continuations run on the loop thread.</summary>
    public IDuplexPipe AsPipe() => EnsureTransport(output: true);

    /// <summary><see cref="AsPipe()"/>, with the application's continuations (after its reads, and after flushes that
    /// waited for room) on <paramref name="applicationScheduler"/>: <see cref="PipeScheduler.ThreadPool"/> keeps
    /// application code off the loop thread, at the cost of a thread switch per read. The first call that creates the
    /// view decides; later calls return the same view.</summary>
    public IDuplexPipe AsPipe(PipeScheduler applicationScheduler)
    {
        NodeErrors.ThrowIfNull(applicationScheduler);
        return EnsureTransport(output: true, applicationScheduler);
    }

    /// <summary><see cref="AsPipe(PipeScheduler)"/>, whose <see cref="IDuplexPipe.Input"/> ends with
    /// <paramref name="mapInputError"/>'s answer when an error ends the socket (a reset, say) rather than with NodeNet's
    /// exception: for protocol layers whose callers match on their own types, as ASP.NET Core matches on
    /// ConnectionResetException. Mapped once per connection, so reads cost nothing more. The first call decides.</summary>
    public IDuplexPipe AsPipe(PipeScheduler applicationScheduler, Func<Exception, Exception> mapInputError)
    {
        NodeErrors.ThrowIfNull(applicationScheduler);
        NodeErrors.ThrowIfNull(mapInputError);
        var transport = EnsureTransport(output: true, applicationScheduler);
        Interlocked.CompareExchange(ref transport.MapInputError, mapInputError, null);
        return transport;
    }

    /// <summary>A <see cref="Stream"/> over this socket (reads in pull mode, writes through <see cref="WriteAsync"/>),
    /// for StreamReader, CopyToAsync, SslStream. Disposing it disposes the socket (flush, FIN, close).</summary>
    public SocketStream AsStream() => new(this);

    /// <summary>Flushes queued writes (AsPipe's output included: it is completed), ends, and waits for 'close' (destroySoon,
    /// awaited). It never waits on a peer: not for its end, and not for a peer that stops reading. Queued bytes go out as
    /// long as the peer takes them; once none are taken for <see cref="DisposeFlushTimeout"/>, the socket is destroyed.</summary>
    /// <remarks>Completes (never faults) once the socket is closed, also when its loop ends first: that closes it too.</remarks>
    public ValueTask DisposeAsync()
    {
        var closed = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        var task = LoopTask.Track(_loop, closed, onEnded: static c => c.TrySetResult(true));
        bool posted = _loop.RunOrPost(() =>
        {
            EnsureErrorSink();
            if (_closed) { closed.TrySetResult(true); return; }
            Once("close", () => closed.TrySetResult(true));
            if (_destroyed) return;
            // What the application wrote to AsPipe's output goes out first, then FIN.
            if (_reader is SocketTransport t) t.FinishOutput(() => { if (!_destroyed) DestroySoon(); });
            else DestroySoon();
            if (!_destroyed) WatchFlush();
        });
        if (!posted) closed.TrySetResult(true);
        return new ValueTask(task);
    }

    private long _disposeFlushTimeoutTicks = TimeSpan.FromSeconds(5).Ticks;

    /// <summary>How long <see cref="DisposeAsync"/> lets a peer take none of the queued bytes before it destroys the socket:
    /// measured from the last progress, so a peer that reads slowly still gets everything, and one that stopped reading
    /// (or a connect that never completes) holds DisposeAsync for this long at most. Default 5 seconds. Thread-safe.</summary>
    public TimeSpan DisposeFlushTimeout
    {
        get => TimeSpan.FromTicks(Volatile.Read(ref _disposeFlushTimeoutTicks));
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, TimeSpan.Zero);
            Volatile.Write(ref _disposeFlushTimeoutTicks, value.Ticks);
        }
    }

    /// <summary>Loop thread, at DisposeAsync: destroys the socket when a whole <see cref="DisposeFlushTimeout"/> passes with
    /// nothing more handed to the kernel. Unreferenced: it never keeps the loop alive.</summary>
    private void WatchFlush()
    {
        ulong ms = (ulong)Math.Max(1, DisposeFlushTimeout.TotalMilliseconds);
        var last = FlushProgress();
        UvTimer? timer = null;
        timer = new UvTimer(_loop.Uv, () =>
        {
            if (_destroyed) { timer!.Close(); return; }
            var now = FlushProgress();
            if (now != last) { last = now; return; }
            timer!.Close();
            DestroyCore(null, SocketCloseReason.Destroyed);
        });
        timer.Unref();
        timer.Start(ms, ms);
        Once("close", () => timer.Close());
    }

    /// <summary>What changes while a flush moves: bytes dispatched, and what libuv and this socket still hold.</summary>
    private (long dispatched, long inLibuv, long queued, bool connecting) FlushProgress() =>
        (_writable.Dispatched, _handle?.WriteQueueSize ?? 0, _writable.Length, _connecting);

    private PipeScheduler _applicationScheduler = PipeScheduler.Inline;

    private SocketTransport EnsureTransport(bool output, PipeScheduler? applicationScheduler = null)
    {
        var transport = _transport;
        if (transport == null)
        {
            if (applicationScheduler != null) _applicationScheduler = applicationScheduler;
            var created = new SocketTransport(this, _loop, _applicationScheduler);
            transport = Interlocked.CompareExchange(ref _transport, created, null) ?? created;
            if (transport == created && !_loop.RunOrPost(() => AttachTransport(created)))
                created.CompleteInput(LoopTask.LoopEnded());
        }
        if (output && transport.RequestOutput()) _loop.RunOrPost(transport.AttachOutput);
        return transport;
    }

    /// <summary>Loop thread: move what Node-style reading buffered into the pipe, then read into it. Pull mode reads bytes,
    /// so a socket with an encoding refuses it: that faults the pull-mode calls, and the socket goes on in push mode.</summary>
    private void AttachTransport(SocketTransport transport)
    {
        EnsureErrorSink();
        if (_ipc != null || _wantsIpc) { transport.Refuse(IpcIsNotAStream()); return; }
        if (_readable.Decoder != null)
        {
            transport.Refuse(NodeErrors.InvalidState(
                "ReadAsync, AsStream and AsPipe read bytes, but SetEncoding was called on this socket; read its 'data' events instead"));
            return;
        }
        foreach (var chunk in _readable.TakeAll()) transport.Preload((byte[])chunk);
        _reader = transport;
        if (_destroyed) transport.Destroyed(_errored);
        else if (_readable.Ended) transport.CompleteInput();
        else { _readable.Flowing = true; StartReading(); }
    }

    /// <summary>Loop thread, on reconnect: a socket in pull mode stays in it, with a fresh transport (the old one ended
    /// with the destroyed connection). Call AsPipe again for the new pipe.</summary>
    partial void Reconnected()
    {
        if (_reader == null) return;
        _reader = null;
        var fresh = new SocketTransport(this, _loop, _applicationScheduler);
        Volatile.Write(ref _transport, fresh);
        AttachTransport(fresh);
    }

    Uv.UvStream? ISocketReaderHost.Stream => _handle;
    void ISocketReaderHost.PauseReading() => StopReading();
    void ISocketReaderHost.ResumeReading() => StartReading();
    void ISocketReaderHost.EndWriting() { if (!_destroyed) End(); }
    void ISocketReaderHost.Fail(Exception error) => Destroy(error);

    void ISocketReaderHost.Wrote(long bytes)
    {
        _writable.AddDispatched(bytes);
        NodeNetMetrics.BytesWritten.Add(bytes);
    }

    private void EnsureErrorSink()
    {
        if (Interlocked.Exchange(ref _errorSink, 1) == 0) On<Exception>("error", static _ => { });
    }

}
