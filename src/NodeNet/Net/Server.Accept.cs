using NodeNet.MultiLoop;
using NodeNet.Native;
using NodeNet.Uv;

namespace NodeNet;

// Where an accepted connection starts: the accept on the listener, then admission (blockList, maxConnections), the same
// for every mode; a server on several loops hands it to MultiLoop/ServerLoops, which carries it to its loop, where
// Server.Adopt.cs makes it a Socket. (A SO_REUSEPORT loop accepts on its own listener and is admitted here too.)
public sealed partial class Server
{
    void IUvStreamEvents.OnConnection(int status)
    {
        if (status != 0)
        {
            NodeNetMetrics.ConnectionsDropped.Add(1, NodeNetMetrics.ReasonAcceptError);
            EmitEvent("error", NodeNetException.FromUv(status, "accept"));
            return;
        }
        var listener = _handle!;
        UvStream client = listener is UvTcp ? new UvTcp(_loop.Uv) : new UvPipe(_loop.Uv, ipc: _ipc);
        int rc = listener.Accept(client);
        if (rc != 0)
        {
            client.Close();
            EmitEvent("error", NodeNetException.FromUv(rc, "accept"));
            return;
        }
        if (!Admit(client, fromAnyThread: false)) return;
        if (_loops is { Count: > 0 } loops) loops.Dispatch(client);
        else Adopt(_loop, -1, client);
    }

    /// <summary>Admission, the same for every mode, on the thread that accepted <paramref name="client"/> (this loop, or a
    /// SO_REUSEPORT loop's own): the blockList turns it away silently; over maxConnections it is dropped with 'drop';
    /// otherwise it is counted. False if it was closed.</summary>
    internal bool Admit(UvStream client, bool fromAnyThread) => !Blocked(client) && !DropIfFull(client, fromAnyThread);

    /// <summary>blockList: a TCP peer it blocks is closed at once, with no event (Node 22.13+). True if closed.</summary>
    private unsafe bool Blocked(UvStream client)
    {
        if (_blockList == null || client is not UvTcp tcp) return false;
        SockAddrStorage sa;
        if (tcp.GetPeerName(&sa) != 0) return false;
        string address = SockAddr.Address((byte*)&sa);
        if (!_blockList.Check(address, SockAddr.FamilyName((byte*)&sa) == "IPv6" ? "ipv6" : "ipv4")) return false;
        client.Close();
        return true;
    }

    /// <summary>maxConnections: over the limit the connection is closed and 'drop' emitted; else it is counted. True if dropped.</summary>
    private bool DropIfFull(UvStream client, bool fromAnyThread)
    {
        // As Node 22 and later: only an unset limit is no limit; 0 (or less) refuses every connection.
        int now = Interlocked.Increment(ref _connections);
        long max = _maxConnections;
        if (max == NoLimit || now <= max) return false;
        Interlocked.Decrement(ref _connections);
        NodeNetMetrics.ConnectionsDropped.Add(1, NodeNetMetrics.ReasonMaxConnections);
        var info = client is UvTcp tcpClient ? DropInfo.Of(tcpClient) : null;
        NodeNetLogging.Dropped(Log, info?.RemoteAddress is { } ra ? $"{ra}:{info.RemotePort}" : "a pipe client", (int)max);
        if (fromAnyThread) { if (info != null) EmitFromAnyThread("drop", info); else EmitFromAnyThread("drop"); }
        else if (info != null) EmitEvent("drop", info);
        else EmitEvent("drop");
        client.Close();
        return true;
    }
}
