namespace NodeNet.Streams;

/// <summary>
/// Node's eos (stream.finished) for a duplex stream: the callback runs once, with null when the sides asked for are done
/// ('end' for the readable side, 'finish' for the writable side), with the error when the socket fails, and with
/// ERR_STREAM_PREMATURE_CLOSE when it closes first. A socket does not wait for 'close' (Node's net.Socket sets
/// emitClose: false). Runs on the socket's loop.
/// </summary>
internal sealed class EndOfStream
{
    private readonly IDuplex _stream;
    private readonly bool _readable, _writable;
    private Action<Exception?>? _callback;
    private bool _readableFinished, _writableFinished;
    private readonly Action _onEnd, _onFinish, _onClose;
    private readonly Action<Exception> _onError;

    private EndOfStream(IDuplex stream, bool readable, bool writable, Action<Exception?> callback)
    {
        _stream = stream;
        _readable = readable;
        _writable = writable;
        _callback = callback;
        _onEnd = OnEnd;
        _onFinish = OnFinish;
        _onClose = OnClose;
        _onError = error => Call(error);
    }

    /// <summary>Watches <paramref name="stream"/>; returns what removes the listeners (Node's cleanup function).</summary>
    public static Action Watch(IDuplex stream, bool readable, bool writable, Action<Exception?> callback)
    {
        var eos = new EndOfStream(stream, readable, writable, callback);
        eos.Start();
        return eos.Cleanup;
    }

    private void Start()
    {
        var s = _stream;
        _readableFinished = s.ReadState.EndEmitted;
        _writableFinished = s.WritableFinished;
        s.Emitter.On(SocketEvents.End, _onEnd);
        s.Emitter.On(SocketEvents.Finish, _onFinish);
        s.Emitter.On(SocketEvents.Error, _onError);
        s.Emitter.On(SocketEvents.Close, _onClose);
        if (s.ClosedEmitted) s.Loop.NextTick(_onClose);
        else if (s.ErrorState != null && s.ErrorEmitted) s.Loop.NextTick(_onClose);
        else if (!_readable && (_writableFinished || !s.IsWritable)) s.Loop.NextTick(_onClose);
        else if (!_writable && (_readableFinished || !s.IsReadable)) s.Loop.NextTick(_onClose);
    }

    private void OnEnd()
    {
        _readableFinished = true;
        if (!_writable || _writableFinished) Call(null);
    }

    private void OnFinish()
    {
        _writableFinished = true;
        if (!_readable || _readableFinished) Call(null);
    }

    private void OnClose()
    {
        if (_stream.ErrorState is { } errored) { Call(errored); return; }
        if (_readable && !_readableFinished && !_stream.ReadState.EndEmitted) { Call(NodeErrors.PrematureClose()); return; }
        if (_writable && !_writableFinished && !_stream.WritableFinished) { Call(NodeErrors.PrematureClose()); return; }
        Call(null);
    }

    private void Call(Exception? error)
    {
        var callback = _callback;
        if (callback == null) return;
        _callback = null;
        callback(error);
    }

    private void Cleanup()
    {
        _stream.Emitter.Off(SocketEvents.End, _onEnd);
        _stream.Emitter.Off(SocketEvents.Finish, _onFinish);
        _stream.Emitter.Off(SocketEvents.Error, _onError);
        _stream.Emitter.Off(SocketEvents.Close, _onClose);
    }
}
