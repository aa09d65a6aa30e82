using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using NodeNet.Uv;

namespace NodeNet.MultiLoop;

/// <summary>
/// Carries one handle from one loop to another over a <see cref="LoopLink"/> of its own, as a multi-loop server passes
/// a connection: libuv writes it (uv_write2) and the target loop accepts it. Windows needs this to move a socket, since
/// there a socket stays with the completion port of the loop that first used it and only libuv's IPC can give the target
/// a socket of its own; elsewhere a dup() of the descriptor does the same at once.
/// </summary>
internal sealed class HandleCourier : ILoopServer
{
    private readonly Action<UvStream> _arrived;

    private HandleCourier(Action<UvStream> arrived) => _arrived = arrived;

    /// <summary>Source loop thread: sends <paramref name="handle"/> (which the link owns from now on, and closes once sent);
    /// <paramref name="arrived"/> runs on the target's thread with the target's handle, <paramref name="failed"/> on the
    /// source's with libuv's error.</summary>
    public static void Carry(EventLoop source, UvStream handle, EventLoop target, Action<UvStream> arrived, Action<Exception> failed)
    {
        LoopLink link;
        try
        {
            link = LoopLink.Open(0, source, target, new HandleCourier(arrived), (l, sent, status) =>
            {
                sent.Close(); // the target holds its own socket now (or nothing, on failure)
                l.Close();    // the target's end sees EOF after the handle and closes
                if (status != 0) failed(NodeNetException.FromUv(status, "write"));
            });
        }
        catch (Exception e)
        {
            handle.Close();
            failed(e);
            return;
        }
        link.Send(handle);
    }

    bool ILoopServer.Admit(UvStream client, bool fromAnyThread) => true;
    void ILoopServer.Adopt(EventLoop loop, int loopIndex, UvStream client) => _arrived(client);
    void ILoopServer.Unreserve(int count) { }
    void ILoopServer.CheckDrained() { }
    void ILoopServer.OnLoopFailed(LoopFailedException error) { }
    int ILoopServer.LiveConnections => 0;
    bool ILoopServer.IsListening => false;
    string ILoopServer.AddressText => "";
    ILogger ILoopServer.Log => NullLogger.Instance;
}
