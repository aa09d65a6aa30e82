using NodeNet.Uv;

namespace NodeNet;

/// <summary>
/// A server or connection handle that arrived over an IPC socket (<see cref="Socket.SendHandle(Server, ReadOnlyMemory{byte}, Action{Exception?}?)"/>
/// on the other end), already accepted onto this loop and checked to be the stream socket its frame announced. Adopt
/// it, or dispose it. One that its 'message' and 'handle' events do not adopt waits for
/// <see cref="Socket.ReceiveHandleAsync"/> (up to <see cref="Socket.MaxQueuedHandles"/>), unless the application takes
/// handles in a 'handle' listener and never asked for the queue: then it is closed right after that event, so nothing leaks.
/// </summary>
/// <remarks>Loop-affine, like the socket it arrived on.</remarks>
public sealed class ReceivedHandle : IDisposable
{
    private UvStream? _handle;
    private readonly EventLoop _loop;

    internal ReceivedHandle(EventLoop loop, UvStream handle, HandleKind kind, byte[] message)
    {
        _loop = loop;
        _handle = handle;
        Kind = kind;
        Message = message;
    }

    /// <summary>A listening server or a connection.</summary>
    public HandleKind Kind { get; }

    /// <summary>True for a Unix domain socket (or Windows pipe), false for TCP.</summary>
    public bool IsPipe => _handle is UvPipe;

    /// <summary>The bytes sent with the handle.</summary>
    public byte[] Message { get; }

    /// <summary>True once adopted or disposed.</summary>
    public bool IsClaimed => _handle == null;

    internal EventLoop Loop => _loop;

    /// <summary>Hands the native handle over, once.</summary>
    internal UvStream Take(HandleKind expected)
    {
        _loop.Uv.VerifyThread();
        if (Kind != expected) throw NodeErrors.InvalidArgValue("handle", Kind.ToString(), $"is not a {expected.ToString().ToLowerInvariant()} handle");
        var handle = _handle ?? throw new NodeNetObjectDisposedException("ERR_INVALID_STATE", "Invalid state: this handle was already adopted or disposed", nameof(ReceivedHandle));
        _handle = null;
        return handle;
    }

    /// <summary>Closes the handle if nobody adopted it. Safe to call more than once.</summary>
    public void Dispose()
    {
        if (_handle == null) return;
        if (!_loop.IsLoopThread) { _loop.TryPost(Dispose); return; }
        _handle?.Close();
        _handle = null;
    }
}
