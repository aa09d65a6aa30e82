using NodeNet.MultiLoop;
using NodeNet.Native;
using NodeNet.Uv;

namespace NodeNet;

/// <summary>The 'drop' event's argument for TCP: who was turned away by maxConnections.</summary>
public sealed record DropInfo(string? LocalAddress, int? LocalPort, string? LocalFamily,
    string? RemoteAddress, int? RemotePort, string? RemoteFamily)
{
    internal static unsafe DropInfo Of(UvTcp tcp)
    {
        SockAddrStorage local, remote;
        bool hasLocal = tcp.GetSockName(&local) == 0, hasRemote = tcp.GetPeerName(&remote) == 0;
        return new DropInfo(
            hasLocal ? SockAddr.Address((byte*)&local) : null, hasLocal ? SockAddr.Port((byte*)&local) : null, hasLocal ? SockAddr.FamilyName((byte*)&local) : null,
            hasRemote ? SockAddr.Address((byte*)&remote) : null, hasRemote ? SockAddr.Port((byte*)&remote) : null, hasRemote ? SockAddr.FamilyName((byte*)&remote) : null);
    }
}
