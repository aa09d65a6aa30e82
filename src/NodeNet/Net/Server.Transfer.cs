using NodeNet.Uv;

namespace NodeNet;

public sealed partial class Server
{
    /// <summary>
    /// Moves this listening TCP server to <paramref name="target"/> (Node 26.6: a server in a worker's transferList): the
    /// listening socket and the connections waiting in its accept queue go to a new server on the target loop, made with
    /// this one's options (allowHalfOpen, pauseOnConnect, noDelay, keepAlive, highWaterMark) and listening when the task
    /// completes. This server stops listening (its open connections stay here, and 'close' follows when they end).
    /// Connection listeners are not carried over: add them to the new server. Any thread may call it: on the loop thread a
    /// server that cannot move throws at once, as Node's postMessage does; from elsewhere the move runs on the loop and the
    /// task carries that error.
    /// </summary>
    /// <exception cref="NodeNetInvalidOperationException">ERR_WORKER_HANDLE_NOT_TRANSFERABLE when not listening on TCP, or
    /// when serving on several loops.</exception>
    public Task<Server> TransferAsync(EventLoop target) =>
        HandleTransfer.FromAnyThread(_loop, target, TransferCore);

    private Task<Server> TransferCore(EventLoop target)
    {
        if (_handle is not UvTcp tcp || _loops != null) throw NodeErrors.HandleNotTransferable("net.Server");
        var options = new ServerOptions
        {
            AllowHalfOpen = _allowHalfOpen, PauseOnConnect = _pauseOnConnect, NoDelay = _noDelay, KeepAlive = _keepAlive,
            KeepAliveInitialDelay = _keepAliveInitialDelay * 1000.0, HighWaterMark = _highWaterMark, BlockList = _blockList,
        };
        tcp.Events = null;
        lock (_handleGate) _handle = null; // detached: Close closes nothing, and 'close' follows once this server's connections end
        Close();
        return HandleTransfer.Move(_loop, tcp, target, moved =>
        {
            var server = new Server(target, options, null);
            server.ListenAdopted(moved, null, 0, null);
            return server;
        });
    }
}
