using System.Buffers;
using System.IO.Pipelines;
using NodeNet.Native;
using NodeNet.Uv;

namespace NodeNet;

/// <summary>
/// A socket's pull-mode view: libuv reads straight into <see cref="Input"/>'s memory (pinned blocks,
/// so no copy and no per-read allocation), and the loop drains <see cref="Output"/> into the socket with
/// vectored uv_try_write / uv_write from that memory. Once attached, 'data' events stop (as Node's
/// <c>onread</c> option does). Input continuations run inline on the loop thread; output may be written
/// from any thread.
/// </summary>
internal sealed unsafe class SocketTransport : IDuplexPipe, IUvRequestOwner, ISocketReader
{
    private readonly ISocketReaderHost _socket;
    private readonly EventLoop _loop;
    private readonly Pipe _input;
    // Made when the application first asks for Output: an idle connection, and one read only through ReadAsync or
    // AsStream, never needs it (it is the larger part of an idle pipe-view connection's memory).
    private Pipe? _output;
    private readonly PipeOptions _outputOptions;
    private Exception? _outputError;     // what ended the output side, for a pipe made after it ended
    private int _outputReaderCompleted;  // the output pipe's reader is completed exactly once, from whichever thread
    private bool _outputAttached;
    private int _outputRequested;

    private Memory<byte> _readMemory;
    private bool _lastReadFilled;
    private bool _inputPaused;
    private bool _inputDone;
    private Action? _onInputFlushed; // made when the reader first falls behind: most connections never need it

    private ValueTask<ReadResult> _pendingRead;
    private Action? _onOutputReadable; // made when the output pipe is first waited on
    private bool _pumping;
    private bool _writing;
    private SequencePosition _inFlightEnd;
    private bool _inFlightCompletes;
    private long _inFlightBytes;
    private bool _outputDone;
    private CancellationTokenRegistration _loopEnded;

    // applicationScheduler: where the application's continuations run: inline (on the loop thread, when the loop
    // completed what it awaited) or, for example, on the thread pool.
    public SocketTransport(ISocketReaderHost socket, EventLoop loop, PipeScheduler applicationScheduler)
    {
        _socket = socket;
        _loop = loop;
        bool inline = applicationScheduler == PipeScheduler.Inline;
        _input = new Pipe(inline ? InlineInputOptions : InputOptions(applicationScheduler));
        _outputOptions = inline ? InlineOutputOptions : OutputOptions(applicationScheduler);
        // A loop that ends closes the socket without telling it; the application's pending reads and writes must still end.
        // Completed on the thread pool: the pipes continue their readers inline, and that must not happen inside teardown.
        _loopEnded = loop.EndedToken.UnsafeRegister(static t =>
            ThreadPool.UnsafeQueueUserWorkItem(static t => ((SocketTransport)t!).OnLoopEnded(), t), this);
    }

    private static PipeOptions InputOptions(PipeScheduler applicationScheduler) => new(PinnedBlockPool.Instance,
        readerScheduler: applicationScheduler, writerScheduler: PipeScheduler.Inline, pauseWriterThreshold: 256 * 1024,
        resumeWriterThreshold: 128 * 1024, minimumSegmentSize: PinnedBlockPool.SmallBlock, useSynchronizationContext: false);

    private static PipeOptions OutputOptions(PipeScheduler applicationScheduler) => new(PinnedBlockPool.Instance,
        readerScheduler: PipeScheduler.Inline, writerScheduler: applicationScheduler, pauseWriterThreshold: 256 * 1024,
        resumeWriterThreshold: 128 * 1024, useSynchronizationContext: false);

    // The default scheduler's options, shared: PipeOptions is immutable, and an idle connection should not carry two copies.
    private static readonly PipeOptions InlineInputOptions = InputOptions(PipeScheduler.Inline);
    private static readonly PipeOptions InlineOutputOptions = OutputOptions(PipeScheduler.Inline);

    /// <summary>Thread pool, after the loop is gone (nothing else touches the pipes any more).</summary>
    private void OnLoopEnded()
    {
        var error = LoopTask.LoopEnded();
        if (!_inputDone) { _inputDone = true; _input.Writer.Complete(error); }
        if (!_outputDone) EndOutput(error);
    }

    /// <summary>Loop thread: refuses the transport before it was ever attached (misuse); the socket itself goes on.</summary>
    public void Refuse(Exception error)
    {
        _loopEnded.Dispose();
        _inputDone = true;
        _input.Writer.Complete(error);
        EndOutput(error);
    }

    public PipeReader Input => _input.Reader;

    public PipeWriter Output => (Volatile.Read(ref _output) ?? CreateOutput()).Writer;

    /// <summary>Any thread: makes the output pipe once; the loop then drains it (or ends it, if the output side already ended).</summary>
    private Pipe CreateOutput()
    {
        var created = new Pipe(_outputOptions);
        var output = Interlocked.CompareExchange(ref _output, created, null) ?? created;
        if (output != created) return output;
        // Already over (the socket was destroyed, say): the writer learns it at its first flush. Otherwise the loop
        // starts draining, and StartOutput also catches an end that raced with this.
        if (Volatile.Read(ref _outputDone)) CompleteOutputReader(created, Volatile.Read(ref _outputError));
        else if (!_loop.RunOrPost(StartOutput)) CompleteOutputReader(created, LoopTask.LoopEnded());
        return output;
    }

    /// <summary>Loop thread: the output pipe exists now.</summary>
    private void StartOutput()
    {
        if (_outputDone) CompleteOutputReader(_output!, _outputError);
        else if (_outputAttached) Pump();
    }

    /// <summary>Loop thread (or the thread pool once the loop is gone): the output side is over; a writer that comes later finds it completed.</summary>
    private void EndOutput(Exception? error)
    {
        _outputError = error;
        Volatile.Write(ref _outputDone, true);
        Interlocked.MemoryBarrier(); // this store before the load below, against CreateOutput's store then load
        if (Volatile.Read(ref _output) is { } output) CompleteOutputReader(output, error);
    }

    private void CompleteOutputReader(Pipe output, Exception? error)
    {
        if (Interlocked.Exchange(ref _outputReaderCompleted, 1) == 0) output.Reader.Complete(error);
    }

    /// <summary>Loop thread: the loop drains <see cref="Output"/> into the socket (AsPipe was called).</summary>
    public bool HasOutput => _outputAttached;

    /// <summary>Any thread: true for the first caller only.</summary>
    public bool RequestOutput() => Interlocked.Exchange(ref _outputRequested, 1) == 0;

    /// <summary>Loop thread: where libuv should read into next; null (and length 0) once input is over: nobody takes
    /// more bytes, so the loop's shared buffer receives whatever the kernel still delivers.</summary>
    public byte* Alloc(out int length)
    {
        if (_inputDone) { length = 0; return null; }
        // A read that filled its block says more is waiting: ask for a large block next; otherwise a small one.
        _readMemory = _input.Writer.GetMemory(_lastReadFilled ? PinnedBlockPool.LargeBlock : PinnedBlockPool.SmallBlock);
        byte* p = PinnedBlockPool.Pointer(_readMemory);
        if (p == null) throw new InvalidOperationException("pipe memory did not come from the pinned pool");
        length = _readMemory.Length;
        return p;
    }

    /// <summary>Loop thread: libuv put <paramref name="count"/> bytes where <see cref="Alloc"/> said.</summary>
    public void Received(int count)
    {
        if (_inputDone) return; // read into the shared buffer after input ended (see Alloc)
        _lastReadFilled = count == _readMemory.Length;
        _input.Writer.Advance(count);
        var flush = _input.Writer.FlushAsync();
        if (!flush.IsCompleted)
        {
            // The reader is behind: stop reading from the kernel until it catches up (TCP backpressure).
            _inputPaused = true;
            _socket.PauseReading();
            flush.GetAwaiter().UnsafeOnCompleted(_onInputFlushed ??= OnInputFlushed);
            return;
        }
        if (flush.Result.IsCompleted) { _inputDone = true; _socket.PauseReading(); } // the reader completed: nobody wants more
    }

    private void OnInputFlushed() => OnLoopThread(static t => ((SocketTransport)t!).ResumeInput());

    private void OutputReadable() => OnLoopThread(static t => ((SocketTransport)t!).OnOutputReadable());

    /// <summary>A pipe continuation: already on the loop thread it goes on inline; from another thread it is posted.</summary>
    private void OnLoopThread(Action<object?> work)
    {
        if (_loop.IsLoopThread) work(this);
        else _loop.TryPost(work, this);
    }

    private void ResumeInput()
    {
        if (!_inputPaused || _inputDone) return;
        _inputPaused = false;
        _socket.ResumeReading();
    }

    /// <summary>Loop thread: bytes the socket buffered before the transport was attached.</summary>
    public void Preload(ReadOnlySpan<byte> bytes)
    {
        _input.Writer.Write(bytes);
        _ = _input.Writer.FlushAsync();
    }

    /// <summary>Loop thread: end of input (EOF, or the error that destroyed the socket).</summary>
    public void Ended() => CompleteInput();

    /// <summary>What the input ends with instead of an error that ended the socket (set once, by AsPipe's caller).</summary>
    internal Func<Exception, Exception>? MapInputError;

    public void CompleteInput(Exception? error = null)
    {
        if (_inputDone && error == null) return;
        _inputDone = true;
        if (error != null && Volatile.Read(ref MapInputError) is { } map) error = map(error);
        _input.Writer.Complete(error);
    }

    /// <summary>Loop thread: attach the output side and start draining it.</summary>
    public void AttachOutput()
    {
        if (_outputAttached) return;
        _outputAttached = true;
        if (_socket.Destroyed) { Destroyed(null); return; }
        if (_output != null) Pump();
    }

    private void OnOutputReadable()
    {
        _pumping = false;
        ReadResult result;
        try { result = _pendingRead.GetAwaiter().GetResult(); }
        catch (Exception e) { FailOutput(e); return; }
        if (Process(result)) Pump();
    }

    /// <summary>Drains the output pipe while data is ready and nothing is in flight.</summary>
    private void Pump()
    {
        while (!_writing && !_pumping && !_outputDone && _outputAttached)
        {
            ReadResult result;
            try
            {
                _pendingRead = _output!.Reader.ReadAsync();
                if (!_pendingRead.IsCompleted)
                {
                    _pumping = true;
                    _pendingRead.GetAwaiter().UnsafeOnCompleted(_onOutputReadable ??= OutputReadable);
                    return;
                }
                result = _pendingRead.GetAwaiter().GetResult();
            }
            catch (Exception e) { FailOutput(e); return; }
            if (!Process(result)) return;
        }
    }

    /// <summary>Writes one read result; true when the pump may continue at once.</summary>
    private bool Process(ReadResult result)
    {
        var buffer = result.Buffer;
        var output = _output!;
        if (buffer.IsEmpty)
        {
            output.Reader.AdvanceTo(buffer.End);
            if (result.IsCompleted || result.IsCanceled) { OutputFinished(); return false; }
            return true;
        }
        var stream = _socket.Stream;
        if (stream == null) { FailOutput(null); return false; }

        const int MaxBufs = 64;
        UvBuf* bufs = stackalloc UvBuf[MaxBufs];
        int n = 0;
        long total = 0;
        foreach (var segment in buffer)
        {
            if (segment.IsEmpty) continue;
            if (n == MaxBufs) break;
            byte* p = PinnedBlockPool.Pointer(segment);
            if (p == null) { FailOutput(new InvalidOperationException("output memory did not come from the pipe's pool")); return false; }
            bufs[n++] = new UvBuf(p, (nuint)segment.Length);
            total += segment.Length;
        }
        var end = buffer.GetPosition(total);
        bool completesAfter = result.IsCompleted && end.Equals(buffer.End);

        // The pipe's blocks stay put until the reader advances past them, after the write completes: nothing to pin.
        switch (stream.WritePinned(bufs, n, total, this, null, out _, out int error))
        {
            case WriteStatus.Done:
                _socket.Wrote(total);
                output.Reader.AdvanceTo(end);
                if (completesAfter) { OutputFinished(); return false; }
                return true;
            case WriteStatus.Failed:
                FailOutput(NodeNetException.FromUv(error, "write"));
                return false;
        }
        _writing = true;
        _inFlightEnd = end;
        _inFlightCompletes = completesAfter;
        _inFlightBytes = total;
        return false;
    }

    void IUvRequestOwner.OnRequestDone(UvRequest req, int status)
    {
        _writing = false;
        if (status < 0)
        {
            FailOutput(_socket.Destroyed ? null : NodeNetException.FromUv(status, "write"));
            return;
        }
        _socket.Wrote(_inFlightBytes);
        _output!.Reader.AdvanceTo(_inFlightEnd);
        if (_inFlightCompletes) { OutputFinished(); return; }
        Pump();
    }

    /// <summary>The application completed the output: send FIN once it is all written.</summary>
    private void OutputFinished()
    {
        if (_outputDone) return;
        EndOutput(null);
        _socket.EndWriting();
        RunOutputDone();
    }

    private void FailOutput(Exception? error)
    {
        if (_outputDone) return;
        EndOutput(error);
        if (error != null) _socket.Fail(error);
        RunOutputDone();
    }

    private Action? _onOutputDone;

    /// <summary>Loop thread, at DisposeAsync: completes the output (the application is done with it) and runs
    /// <paramref name="then"/> once everything in it was written (or failed); at once when there is no output side.</summary>
    public void FinishOutput(Action then)
    {
        if (!_outputAttached || _outputDone) { then(); return; }
        _onOutputDone = then;
        if (_output == null) { OutputFinished(); return; } // nothing was ever written: FIN at once
        _output.Writer.Complete(); // the pump drains what is left, then sends FIN (OutputFinished)
    }

    private void RunOutputDone()
    {
        var then = _onOutputDone;
        _onOutputDone = null;
        then?.Invoke();
    }

    /// <summary>Loop thread: the socket was destroyed; both sides learn it.</summary>
    public void Destroyed(Exception? error)
    {
        _loopEnded.Dispose();
        CompleteInput(error);
        if (_outputAttached && !_outputDone && !_writing)
        {
            EndOutput(error);
            RunOutputDone();
        }
    }
}
