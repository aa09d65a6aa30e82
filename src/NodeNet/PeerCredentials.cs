namespace NodeNet;

/// <summary>Who is at the other end of a Unix domain socket (SO_PEERCRED), from <see cref="Socket.PeerCredentials"/>.</summary>
/// <param name="Pid">Process id of the peer when it connected.</param>
/// <param name="Uid">Its effective user id.</param>
/// <param name="Gid">Its effective group id.</param>
public sealed record PeerCredentials(int Pid, uint Uid, uint Gid);
