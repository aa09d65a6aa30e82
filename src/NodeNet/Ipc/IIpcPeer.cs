namespace NodeNet;

/// <summary>The socket an IPC channel belongs to, as the channel sees it: whether it is still there, how a protocol
/// violation ends it, and where a whole frame goes.</summary>
internal interface IIpcPeer
{
    bool Destroyed { get; }

    /// <summary>The peer broke the protocol: the socket is destroyed with <paramref name="error"/>.</summary>
    void Fail(Exception error);

    /// <summary>A whole frame, its handle (if it announced one) checked and accepted onto this loop.</summary>
    void Deliver(byte[] message, ReceivedHandle? handle);
}
