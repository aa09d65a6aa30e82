namespace NodeNet.Streams;

/// <summary>Where a pipe writes: a socket on the source's loop, a socket on another loop, or a .NET stream. It lives on
/// the source's loop; a destination elsewhere reports back there.</summary>
internal abstract class PipeDestination
{
    /// <summary>What Unpipe(destination) names.</summary>
    public abstract object Target { get; }

    /// <summary>dest.write(chunk): false asks the source to wait until <see cref="PipeLink.Drained"/>.</summary>
    public abstract bool Write(object chunk);

    /// <summary>dest.end(), at the source's 'end' (unless the pipe was made with end: false).</summary>
    public abstract void End();

    /// <summary>dest.writableNeedDrain.</summary>
    public abstract bool NeedDrain { get; }

    /// <summary>Starts reporting errors, 'close' and 'finish' to <paramref name="link"/>; emits 'pipe'.</summary>
    public abstract void Attach(PipeLink link);

    /// <summary>Reports 'drain' too (Node adds that listener only once a write returned false).</summary>
    public abstract void ListenForDrain();

    /// <summary>Stops reporting anything.</summary>
    public abstract void Detach();

    /// <summary>Emits 'unpipe'.</summary>
    public abstract void Unpiped(IDuplex source);
}

/// <summary>
/// readable.pipe(destination) as readable.js does it: each 'data' chunk is written to the destination; a write that
/// returns false pauses the source until the destination drains; the source's 'end' ends the destination (unless
/// end: false); the destination's 'close', 'finish' or error unpipes.
/// </summary>
internal sealed class PipeLink
{
    private readonly IDuplex _source;
    private readonly Action<object> _onData;
    private readonly Action _onEnd;
    private bool _cleanedUp, _drainListening;

    public readonly PipeDestination Destination;

    /// <summary>A write returned false and the destination has not drained since.</summary>
    public bool AwaitingDrain { get; private set; }

    public PipeLink(IDuplex source, PipeDestination destination, bool end)
    {
        _source = source;
        Destination = destination;
        _onData = OnData;
        _onEnd = end ? destination.End : UnpipeSelf;
    }

    public void Start(ReadableState state)
    {
        if (state.EndEmitted) _source.Loop.NextTick(_onEnd);
        else _source.Emitter.Once(SocketEvents.End, _onEnd);
        _source.Emitter.On(SocketEvents.Data, _onData);
        Destination.Attach(this);
        if (Destination.NeedDrain) Pause();
        else if (state.Flowing != true) _source.ResumeReading();
    }

    private void OnData(object chunk)
    {
        if (!Destination.Write(chunk)) Pause();
    }

    private void Pause()
    {
        if (!_cleanedUp)
        {
            AwaitingDrain = true;
            _source.PauseReading();
        }
        if (!_drainListening)
        {
            _drainListening = true;
            Destination.ListenForDrain();
        }
    }

    /// <summary>Node's pipeOnDrain: once no destination waits, the source flows again (if anyone takes its data).</summary>
    public void Drained()
    {
        AwaitingDrain = false;
        if (!_source.AnyPipeAwaitingDrain && _source.Emitter.HasListeners(SocketEvents.Data)) _source.ResumeReading();
    }

    /// <summary>The destination closed, finished or failed: stop piping into it.</summary>
    public void UnpipeSelf()
    {
        if (_source.Loop.IsLoopThread) _source.Unpipe(Destination.Target);
    }

    /// <summary>Undoes Start (called by the source's Unpipe).</summary>
    public void Cleanup()
    {
        Destination.Detach();
        _source.Emitter.Off(SocketEvents.End, _onEnd);
        _source.Emitter.Off(SocketEvents.Data, _onData);
        _cleanedUp = true;
        if (_drainListening && AwaitingDrain && Destination.NeedDrain) Drained();
    }
}
