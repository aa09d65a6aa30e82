namespace NodeNet.AspNetCore;

/// <summary>The NodeNet socket under a Kestrel connection: <c>HttpContext.Features.Get&lt;INodeNetSocketFeature&gt;()</c>, for
/// what only NodeNet knows, such as <see cref="Socket.PeerCredentials"/> on a Unix socket (who is calling, by uid and
/// pid). Read its members on <see cref="Socket.Loop"/> (Post), or use the thread-safe ones.</summary>
public interface INodeNetSocketFeature
{
    /// <summary>The connection's socket.</summary>
    Socket Socket { get; }

    /// <summary>The peer's pid, uid and gid on a Unix domain socket (SO_PEERCRED), read when the connection was accepted;
    /// null on TCP.</summary>
    PeerCredentials? PeerCredentials { get; }
}
