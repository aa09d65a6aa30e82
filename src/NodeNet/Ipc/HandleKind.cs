using NodeNet.Uv;

namespace NodeNet;

/// <summary>What a received handle was on the sending side.</summary>
public enum HandleKind
{
    /// <summary>A listening server: give it to <see cref="Server.Listen(ReceivedHandle, Action?)"/>.</summary>
    Server,
    /// <summary>A connection: make it a socket with <see cref="Socket.Adopt(ReceivedHandle, SocketOptions?)"/>.</summary>
    Socket,
}
