namespace NodeNet.Streams;

/// <summary>What pipe, pipeline and finished need of a duplex stream: its events, both sides' state, and the calls
/// Node's stream code makes on it. net.Socket implements it; this layer does not know sockets.</summary>
internal interface IDuplex
{
    EventLoop Loop { get; }
    EventEmitter Emitter { get; }
    ReadableState ReadState { get; }

    bool Write(object chunk, Action<Exception?>? callback = null);
    void EndWriting();
    void PauseReading();
    void ResumeReading();
    void Destroy(Exception? error);
    void Unpipe(object? destination);
    void PipeTo(IDuplex destination);

    int WritableHighWaterMark { get; }
    bool NeedsDrain { get; }
    bool AnyPipeAwaitingDrain { get; }
    bool IsDestroyed { get; }
    Exception? ErrorState { get; }
    bool ErrorEmitted { get; }
    bool ClosedEmitted { get; }
    bool WritableFinished { get; }
    bool IsReadable { get; }
    bool IsWritable { get; }

    /// <summary>Emits 'pipe', 'unpipe' or a pipe's unhandled 'error'.</summary>
    void EmitForStreams(string eventName, object argument);
}
