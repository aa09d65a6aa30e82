namespace NodeNet;

/// <summary>Who is at the other end of a Unix domain socket (SO_PEERCRED) or a Windows named pipe
/// (GetNamedPipeClientProcessId / GetNamedPipeServerProcessId), from <see cref="Socket.PeerCredentials"/>.</summary>
/// <param name="Pid">Process id of the peer when it connected.</param>
/// <param name="Uid">Its effective user id; null on Windows, which has no such number.</param>
/// <param name="Gid">Its effective group id; null on Windows.</param>
public sealed record PeerCredentials(int Pid, uint? Uid, uint? Gid);
