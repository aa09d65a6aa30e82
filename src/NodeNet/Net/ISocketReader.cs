using NodeNet.Uv;

namespace NodeNet;

/// <summary>
/// What reads a socket in place of its 'data' events (the pipe view behind ReadAsync, AsStream and AsPipe): the socket's
/// libuv side feeds it, and it reaches back only through <see cref="ISocketReaderHost"/>. Loop thread.
/// </summary>
internal unsafe interface ISocketReader
{
    /// <summary>Memory of its own to read into next, or null (and length 0) when it takes nothing more.</summary>
    byte* Alloc(out int length);

    /// <summary>libuv put <paramref name="count"/> bytes where <see cref="Alloc"/> said.</summary>
    void Received(int count);

    /// <summary>The peer ended its side (EOF).</summary>
    void Ended();

    /// <summary>The socket was destroyed, with <paramref name="error"/> or none.</summary>
    void Destroyed(Exception? error);
}

/// <summary>The socket as its <see cref="ISocketReader"/> sees it: the stream its writes go to (through the write engine),
/// and the few things the reader may ask of it. Loop thread.</summary>
internal interface ISocketReaderHost
{
    /// <summary>The connection's stream, or null once destroyed.</summary>
    UvStream? Stream { get; }

    bool Destroyed { get; }

    /// <summary>Stop reading from the kernel (the reader is behind: TCP backpressure), and start again.</summary>
    void PauseReading();
    void ResumeReading();

    /// <summary>The reader's output is complete: send FIN once everything queued is written.</summary>
    void EndWriting();

    /// <summary><paramref name="bytes"/> written on the reader's behalf (counters and metrics).</summary>
    void Wrote(long bytes);

    void Fail(Exception error);
}
