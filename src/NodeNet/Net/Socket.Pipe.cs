using NodeNet.Streams;

namespace NodeNet;

// readable.pipe and unpipe: the links live in Streams/PipeLink; the socket keeps the list of its destinations.
public sealed partial class Socket : IDuplex
{
    private readonly List<PipeLink> _pipes = [];

    /// <summary>readable.pipe(destination[, { end }]): every chunk read is written to <paramref name="destination"/>;
    /// a write that returns false pauses this socket until the destination's 'drain'; this socket's 'end' ends the
    /// destination unless <paramref name="end"/> is false. The destination's 'close', 'finish' or error unpipes it.
    /// The destination may live on another loop (back-pressure then spans both loops). Returns the destination, so
    /// pipes chain: <c>a.Pipe(b).Pipe(c)</c>. A socket may pipe into itself (an echo: <c>c.Pipe(c)</c>).</summary>
    /// <remarks>As in Node, piping adds no error handling: errors of either socket reach their own 'error' listeners,
    /// and the destination is not destroyed when the source fails. <see cref="Net.Pipeline(IReadOnlyList{Socket}, Action{Exception?})"/>
    /// destroys all on an error.</remarks>
    public Socket Pipe(Socket destination, bool end = true)
    {
        VerifyLoopThread();
        NodeErrors.ThrowIfNull(destination, "destination");
        if (_ipc != null) throw IpcIsNotAStream();
        PipeDestination target = destination.Loop == _loop
            ? new DuplexDestination(destination, this)
            : new LoopCrossingDestination(destination, this);
        StartPipe(target, end);
        return destination;
    }

    private void StartPipe(PipeDestination target, bool end)
    {
        var link = new PipeLink(this, target, end);
        _pipes.Add(link);
        link.Start(_readable);
    }

    /// <summary>readable.unpipe([destination]): stops piping into <paramref name="destination"/>, or into every
    /// destination when null; with none left the socket pauses. 'unpipe' is emitted on each destination.</summary>
    public Socket Unpipe(Socket? destination = null)
    {
        VerifyLoopThread();
        Unpipe((object?)destination);
        return this;
    }

    void IDuplex.Unpipe(object? target) => Unpipe(target);
    void IDuplex.PipeTo(IDuplex destination) => Pipe((Socket)destination);
    EventLoop IDuplex.Loop => _loop;
    EventEmitter IDuplex.Emitter => this;
    ReadableState IDuplex.ReadState => _readable;
    bool IDuplex.Write(object chunk, Action<Exception?>? callback) =>
        chunk is byte[] bytes ? Write(bytes, callback) : Write((string)chunk, null, callback);
    void IDuplex.EndWriting() => End();
    void IDuplex.PauseReading() => Pause();
    void IDuplex.ResumeReading() => Resume();
    void IDuplex.Destroy(Exception? error) => Destroy(error);
    int IDuplex.WritableHighWaterMark => _writable.HighWaterMark;
    bool IDuplex.IsDestroyed => _destroyed;
    Exception? IDuplex.ErrorState => _errored;
    bool IDuplex.WritableFinished => _writable.Finished;
    bool IDuplex.IsReadable => !_destroyed && !_readable.EndEmitted;
    bool IDuplex.IsWritable => !_destroyed && !_writable.Ending;

    private void Unpipe(object? target)
    {
        if (_pipes.Count == 0) return;
        PipeLink[] links;
        if (target == null)
        {
            links = [.. _pipes];
            _pipes.Clear();
            Pause();
        }
        else
        {
            int index = _pipes.FindIndex(l => l.Destination.Target == target);
            if (index < 0) return;
            links = [_pipes[index]];
            _pipes.RemoveAt(index);
            if (_pipes.Count == 0) Pause();
        }
        foreach (var link in links)
        {
            link.Destination.Unpiped(this);
            link.Cleanup();
        }
    }

    bool IDuplex.AnyPipeAwaitingDrain => _pipes.Exists(l => l.AwaitingDrain);

    /// <summary>writableNeedDrain without the thread check: a pipe's destination on this loop.</summary>
    bool IDuplex.NeedsDrain => _writable.NeedDrain;

    /// <summary>Emits 'pipe', 'unpipe' or a pipe's unhandled 'error' on this socket.</summary>
    void IDuplex.EmitForStreams(string eventName, object argument) => EmitEvent(eventName, argument);
}
