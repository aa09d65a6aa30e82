namespace NodeNet.Streams;

/// <summary>What Node's Readable state machine needs from the stream that owns it. The owner (a socket) feeds it chunks
/// from its source; the state machine decides when to ask for more, what to emit and when the readable side ends.</summary>
internal interface IReadableHost
{
    /// <summary>Node's _read(): make the source deliver (it pushes each chunk, and null at the end).</summary>
    void ReadSource();

    /// <summary>The source delivers without being asked again (libuv's read is started).</summary>
    bool SourceRunning { get; }

    bool Destroyed { get; }

    /// <summary>Destroyed with an error (Node's state.errored): nothing more is emitted.</summary>
    bool Errored { get; }

    /// <summary>'close' was emitted.</summary>
    bool CloseEmitted { get; }

    bool HasListeners(string eventName);

    /// <summary>Emits 'data' (with the chunk), 'readable', 'pause' or 'resume'.</summary>
    void Emit(string eventName, object? chunk);

    /// <summary>Emits 'end' and does what the owner does after it (half-open rules, auto-destroy).</summary>
    void EmitEnd();

    void NextTick(Action callback);
}
