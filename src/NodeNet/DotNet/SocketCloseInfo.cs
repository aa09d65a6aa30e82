namespace NodeNet;

/// <summary>How a socket closed: the <see cref="Socket.Closed"/> event's argument and <see cref="Socket.Completion"/>'s result.</summary>
/// <param name="Reason">Why.</param>
/// <param name="Error">The error it was destroyed with, if any (Node's 'close' hadError is <see cref="HadError"/>).</param>
public sealed record SocketCloseInfo(SocketCloseReason Reason, Exception? Error)
{
    /// <summary>Node's <c>hadError</c>.</summary>
    public bool HadError => Error != null;
}
