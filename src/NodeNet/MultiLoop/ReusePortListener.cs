using NodeNet.Native;
using NodeNet.Uv;

namespace NodeNet.MultiLoop;

/// <summary>
/// SO_REUSEPORT mode: a loop's own listener on the server's address, so the kernel spreads connections over the loops'
/// listeners and each accepts on its own thread. Created, used and closed on its loop.
/// </summary>
internal sealed unsafe class ReusePortListener(ServerLoops owner, int index, EventLoop loop) : IUvStreamEvents
{
    private UvTcp? _tcp;
    private bool _closeRequested;

    /// <summary>Primary thread: listen on <paramref name="primary"/>'s address and port, on this loop.</summary>
    public void Start(UvTcp primary, UvTcpFlags flags, int backlog)
    {
        SockAddrStorage sa;
        if (primary.GetSockName(&sa) != 0) { owner.ListenerClosed(); return; }
        var address = sa;
        if (!loop.TryPost(() => Listen(address, flags, backlog))) owner.ListenerClosed();
    }

    private void Listen(SockAddrStorage address, UvTcpFlags flags, int backlog)
    {
        if (_closeRequested) { owner.ListenerClosed(); return; }
        var (tcp, rc) = UvTcp.Bound(loop.Uv, &address, flags, reusePort: true);
        if (rc == 0) rc = tcp.Listen(backlog);
        if (rc != 0)
        {
            NodeNetLogging.ListenFailed(owner.Log, $"{SockAddr.Address((byte*)&address)}:{SockAddr.Port((byte*)&address)} (loop {index})",
                UvErrors.Name(rc), NodeNetException.FromUv(rc, "listen"));
            tcp.Closed = owner.ListenerClosed;
            tcp.Close();
            return;
        }
        tcp.Events = this;
        tcp.Unref(); // a hosted loop lives on its own; the primary loop's keep-alive stands for the server
        tcp.Closed = owner.ListenerClosed;
        _tcp = tcp;
    }

    /// <summary>Any thread: stop accepting on this loop.</summary>
    public void Close() => loop.TryPost(() =>
    {
        _closeRequested = true;
        if (_tcp is { } tcp) { tcp.Events = null; tcp.Close(); _tcp = null; }
    });

    void IUvStreamEvents.OnConnection(int status)
    {
        if (status != 0 || _tcp == null) return; // libuv retries EMFILE itself; other accept errors are the peer's
        var client = new UvTcp(loop.Uv);
        if (_tcp.Accept(client) != 0) { client.Close(); return; }
        owner.AcceptedOnLoop(index, loop, client);
    }

    void IUvStreamEvents.OnRead(nint nread, byte* data) { }
}
