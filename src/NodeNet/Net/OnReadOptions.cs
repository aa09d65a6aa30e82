namespace NodeNet;

/// <summary>Node's <c>onread: { buffer, callback }</c>: each read lands in <see cref="Buffer"/> (or a buffer
/// <see cref="BufferFactory"/> returns for that read) and <see cref="Callback"/> gets (bytes read, the buffer); returning
/// false pauses reading until <see cref="Socket.Resume"/>. The buffer is reused: copy what you keep.</summary>
public sealed record OnReadOptions
{
    /// <summary>The buffer every read goes into.</summary>
    public byte[]? Buffer { get; init; }
    /// <summary>Instead of <see cref="Buffer"/>: called for each read, returns the buffer to read into.</summary>
    public Func<byte[]>? BufferFactory { get; init; }
    /// <summary>(bytes read, buffer) after each read; false pauses.</summary>
    public required Func<int, byte[], bool> Callback { get; init; }
}
