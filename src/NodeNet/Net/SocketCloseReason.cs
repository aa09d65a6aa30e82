namespace NodeNet;

/// <summary>Why a socket closed.</summary>
public enum SocketCloseReason
{
    /// <summary>Destroyed by the application (<see cref="Socket.Destroy"/>, <see cref="Socket.Abort"/>, a cancelled call), or
    /// by its loop ending.</summary>
    Destroyed,
    /// <summary>The peer ended first (FIN); our side then ended too.</summary>
    PeerEnded,
    /// <summary>We ended first (<see cref="Socket.End(Action?)"/>), then the peer did.</summary>
    LocalEnded,
    /// <summary>The peer reset the connection (ECONNRESET).</summary>
    PeerReset,
    /// <summary>Destroyed from a 'timeout' listener, or the connect timed out (ETIMEDOUT).</summary>
    TimedOut,
    /// <summary>Any other error; see <see cref="SocketCloseInfo.Error"/>.</summary>
    Error,
}
