using NodeNet.Native;
using NodeNet.Uv;

namespace NodeNet;

public sealed partial class BoundSocket
{
    /// <summary>
    /// Moves this bound TCP socket to <paramref name="target"/> (Node 26: a BoundSocket in a worker's transferList): this
    /// object lets go of it (its members throw ERR_SOCKET_HANDLE_ADOPTED), and the task gives the BoundSocket of the target
    /// loop, which a server or socket there may adopt. Any thread may call it: on the loop thread a handle that cannot move
    /// throws at once, as Node's postMessage does; from elsewhere the move runs on the loop and the task carries that
    /// error.
    /// </summary>
    /// <exception cref="NodeNetInvalidOperationException">ERR_WORKER_HANDLE_NOT_TRANSFERABLE for a pipe, or once adopted or
    /// closed.</exception>
    public Task<BoundSocket> TransferAsync(EventLoop target) =>
        HandleTransfer.FromAnyThread(_loop, target, TransferCore);

    private unsafe Task<BoundSocket> TransferCore(EventLoop target)
    {
        if (_handle is not UvTcp tcp) throw NodeErrors.HandleNotTransferable("net.BoundSocket");
        _handle = null;
        return HandleTransfer.Move(_loop, tcp, target, moved =>
        {
            // The address comes from the socket itself, not from what was sent along (as Node re-derives it).
            SockAddrStorage sa;
            int rc = ((UvTcp)moved).GetSockName(&sa);
            if (rc != 0) throw NodeErrors.HandleNotTransferable("net.BoundSocket");
            return new BoundSocket(target, moved, AddressInfo.From(&sa));
        });
    }
}
