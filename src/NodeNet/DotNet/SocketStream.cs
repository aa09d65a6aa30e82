namespace NodeNet;

/// <summary>
/// <see cref="Socket.AsStream"/>: a <see cref="Stream"/> over a socket. Reads use the socket's pull mode, writes complete
/// when the bytes reach the kernel (so a slow peer slows the writer), <see cref="ShutdownAsync"/> half-closes, and
/// disposing it ends the socket gracefully, as the socket's own Dispose does (<see cref="DisposeAsync"/> waits for it).
/// Works under StreamReader, CopyToAsync and SslStream.
/// </summary>
/// <remarks>Synchronous Read/Write block the calling thread; never call them on the socket's loop thread.</remarks>
public sealed class SocketStream : Stream
{
    private readonly Socket _socket;

    internal SocketStream(Socket socket) => _socket = socket;

    /// <summary>The socket underneath.</summary>
    public Socket Socket => _socket;

    /// <inheritdoc />
    public override bool CanRead => true;
    /// <inheritdoc />
    public override bool CanWrite => true;
    /// <inheritdoc />
    public override bool CanSeek => false;

    /// <inheritdoc />
    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        _socket.ReadAsync(buffer, cancellationToken);

    /// <inheritdoc />
    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <inheritdoc />
    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
        new(_socket.WriteAsync(buffer, cancellationToken));

    /// <inheritdoc />
    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        _socket.WriteAsync(buffer.AsMemory(offset, count), cancellationToken);

    /// <summary>Writes complete when handed to the kernel, so there is nothing left to flush.</summary>
    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public override void Flush() { }

    /// <summary>Half-close: sends FIN after queued writes; reading goes on until the peer ends.</summary>
    public Task ShutdownAsync(CancellationToken cancellationToken = default) => _socket.EndAsync(cancellationToken);

    /// <inheritdoc />
    public override int Read(byte[] buffer, int offset, int count)
    {
        RefuseOnLoopThread();
        return ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();
    }

    /// <inheritdoc />
    public override void Write(byte[] buffer, int offset, int count)
    {
        RefuseOnLoopThread();
        _socket.WriteAsync(buffer.AsMemory(offset, count)).GetAwaiter().GetResult();
    }

    private void RefuseOnLoopThread()
    {
        if (_socket.Loop.IsLoopThread) throw new InvalidOperationException("Synchronous I/O on the socket's own loop thread would deadlock; use the async methods.");
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing) _socket.Dispose(); // the socket's graceful end, not waited for (DisposeAsync waits)
        base.Dispose(disposing);
    }

    /// <inheritdoc />
    public override async ValueTask DisposeAsync()
    {
        await _socket.DisposeAsync().ConfigureAwait(false);
        GC.SuppressFinalize(this);
    }

    /// <inheritdoc />
    public override long Length => throw new NotSupportedException();
    /// <inheritdoc />
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    /// <inheritdoc />
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    /// <inheritdoc />
    public override void SetLength(long value) => throw new NotSupportedException();
}
