using NodeNet.Uv;

namespace NodeNet;

public sealed partial class Socket
{
    /// <summary>
    /// Moves this connection to <paramref name="target"/> (Node 26.6: a socket in a worker's transferList). Only a fresh
    /// TCP connection may move: connected, nothing read or written yet, nothing buffered, no encoding set; anything else
    /// would lose data on this side. This socket is destroyed ('close' follows, with no argument, as in Node); the task
    /// gives the socket of the target loop, reading as an accepted one does. Any thread may call it: on the loop thread a
    /// handle that cannot move throws at once, as Node's postMessage does; from elsewhere the move runs on the loop and the
    /// task carries that error.
    /// </summary>
    /// <exception cref="NodeNetInvalidOperationException">ERR_WORKER_HANDLE_NOT_TRANSFERABLE.</exception>
    public Task<Socket> TransferAsync(EventLoop target) =>
        HandleTransfer.FromAnyThread(_loop, target, TransferCore);

    private Task<Socket> TransferCore(EventLoop target)
    {
        if (_handle is not UvTcp tcp || _destroyed || _connecting || _bytesRead > 0 || BytesWritten > 0 ||
            _readable.Length > 0 || _writable.Length > 0 || _readable.Decoder != null)
            throw NodeErrors.HandleNotTransferable("net.Socket");
        bool allowHalfOpen = AllowHalfOpen;
        // Detached first, so destroying this socket closes nothing: 'close' comes with no argument, as in Node.
        tcp.ReadStop();
        tcp.Events = null;
        lock (_handleGate) _handle = null; // the other loop owns it now: no reader here may still use it
        _reading = false;
        Destroy();
        return HandleTransfer.Move(_loop, tcp, target, moved => new Socket(target, new SocketOptions { AllowHalfOpen = allowHalfOpen }, moved));
    }
}
