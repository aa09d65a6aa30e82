namespace NodeNet.Streams;

/// <summary>A pipe into a stream on the source's loop: Node's pipe, listener for listener.</summary>
internal sealed class DuplexDestination(IDuplex destination, IDuplex source) : PipeDestination
{
    private PipeLink? _link;
    private Action<Exception>? _onError;
    private Action? _onClose, _onFinish, _onDrain;

    public override object Target => destination;

    public override bool Write(object chunk) => destination.Write(chunk);

    public override void End() => destination.EndWriting();

    public override bool NeedDrain => destination.NeedsDrain;

    public override void Attach(PipeLink link)
    {
        _link = link;
        _onError = OnError;
        _onClose = () => { destination.Emitter.Off(SocketEvents.Finish, _onFinish!); link.UnpipeSelf(); };
        _onFinish = () => { destination.Emitter.Off(SocketEvents.Close, _onClose); link.UnpipeSelf(); };
        // First, so the pipe unpipes before the application's own listeners run (Node's prependListener).
        destination.Emitter.PrependListener(SocketEvents.Error, _onError);
        destination.Emitter.Once(SocketEvents.Close, _onClose);
        destination.Emitter.Once(SocketEvents.Finish, _onFinish);
        destination.EmitForStreams(SocketEvents.Pipe, source);
    }

    private void OnError(Exception error)
    {
        _link!.UnpipeSelf();
        destination.Emitter.Off(SocketEvents.Error, _onError!);
        // Piping adds no error handling of its own: with no other listener the error is unhandled, as without the pipe.
        if (!destination.Emitter.HasListeners(SocketEvents.Error)) destination.EmitForStreams(SocketEvents.Error, error);
    }

    public override void ListenForDrain()
    {
        _onDrain = () => _link!.Drained();
        destination.Emitter.On(SocketEvents.Drain, _onDrain);
    }

    public override void Detach()
    {
        if (_onError != null) destination.Emitter.Off(SocketEvents.Error, _onError);
        if (_onClose != null) destination.Emitter.Off(SocketEvents.Close, _onClose);
        if (_onFinish != null) destination.Emitter.Off(SocketEvents.Finish, _onFinish);
        if (_onDrain != null) destination.Emitter.Off(SocketEvents.Drain, _onDrain);
    }

    public override void Unpiped(IDuplex source) => destination.EmitForStreams(SocketEvents.Unpipe, source);
}

/// <summary>A pipe into a stream on another loop. Chunks cross as posts (each chunk is the listener's own array, so no
/// copy); the bytes posted and not yet written stand in for the destination's write buffer, so back-pressure holds
/// across loops. The destination's 'close', 'finish' and errors come back to the source's loop.</summary>
internal sealed class LoopCrossingDestination(IDuplex destination, IDuplex source) : CountedDestination(destination.WritableHighWaterMark)
{
    private Action<Exception>? _onError;
    private Action? _onClose, _onFinish;

    public override object Target => destination;

    public override bool Write(object chunk)
    {
        int length = chunk is byte[] b ? b.Length : ((string)chunk).Length;
        Action<Exception?> written = _ => source.Loop.TryPost(() => Wrote(length));
        bool more = Handed(length);
        if (!destination.Loop.TryPost(() => destination.Write(chunk, written)))
            Gone();
        return more;
    }

    public override void End()
    {
        if (!destination.Loop.TryPost(() => destination.EndWriting())) Gone();
    }

    public override void Attach(PipeLink link)
    {
        Link = link;
        _onError = error =>
        {
            source.Loop.TryPost(link.UnpipeSelf);
            destination.Emitter.Off(SocketEvents.Error, _onError!);
            if (!destination.Emitter.HasListeners(SocketEvents.Error)) destination.EmitForStreams(SocketEvents.Error, error);
        };
        _onClose = () => { destination.Emitter.Off(SocketEvents.Finish, _onFinish!); source.Loop.TryPost(link.UnpipeSelf); };
        _onFinish = () => { destination.Emitter.Off(SocketEvents.Close, _onClose!); source.Loop.TryPost(link.UnpipeSelf); };
        if (!destination.Loop.TryPost(() =>
            {
                destination.Emitter.PrependListener(SocketEvents.Error, _onError);
                destination.Emitter.Once(SocketEvents.Close, _onClose);
                destination.Emitter.Once(SocketEvents.Finish, _onFinish);
                destination.EmitForStreams(SocketEvents.Pipe, source);
            }))
            Gone();
    }

    /// <summary>The destination's loop has ended: nothing can be written there any more.</summary>
    private void Gone() => source.Loop.NextTick(Link!.UnpipeSelf);

    public override void Detach()
    {
        Detached = true;
        destination.Loop.TryPost(() =>
        {
            destination.Emitter.Off(SocketEvents.Error, _onError!);
            destination.Emitter.Off(SocketEvents.Close, _onClose!);
            destination.Emitter.Off(SocketEvents.Finish, _onFinish!);
        });
    }

    public override void Unpiped(IDuplex source) =>
        destination.Loop.TryPost(() => destination.EmitForStreams(SocketEvents.Unpipe, source));
}
