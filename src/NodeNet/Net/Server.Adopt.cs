using NodeNet.MultiLoop;
using NodeNet.Native;
using NodeNet.Uv;

namespace NodeNet;

// Where an accepted connection ends up, on the loop that will own it: a Socket of this server, and 'connection'. And the
// server as its loops see it (MultiLoop/ILoopServer): these entry points, its counts, and their failures.
public sealed partial class Server
{
    /// <summary>The one way a connection becomes a Socket of this server: on <paramref name="loop"/>'s thread, admitted and
    /// counted already, it is wrapped there and 'connection' is emitted there.</summary>
    internal void Adopt(EventLoop loop, int loopIndex, UvStream client)
    {
        var socket = new Socket(loop, new SocketOptions { AllowHalfOpen = _allowHalfOpen, HighWaterMark = _highWaterMark }, client, _pauseOnConnect);
        if (_noDelay) socket.SetNoDelay(true);
        if (_keepAlive) socket.SetKeepAlive(true, _keepAliveInitialDelay * 1000.0);
        socket.Server = this;
        socket.ServerLoopIndex = loopIndex;
        if (_pipeName != null) socket.SetAcceptedPipePath(_pipeName);
        _loops?.Adopted(loopIndex);
        NodeNetMetrics.Accepted(MetricTags);
        socket.CountActive(MetricTags);
        if (!Track(loop, socket)) return;
        if (_loops == null) EmitEvent("connection", socket);
        else EmitFromAnyThread("connection", socket);
    }

    /// <summary>Primary thread: one of this server's loops failed (<see cref="ServerLoops"/> settled the counts). The
    /// server goes on, so the error goes to 'error' listeners only: with none, it is logged and counted, not thrown.</summary>
    internal void OnLoopFailed(LoopFailedException error)
    {
        LoopFailed?.Invoke(error);
        if (HasListeners("error")) EmitEvent("error", error);
    }

    bool ILoopServer.Admit(UvStream client, bool fromAnyThread) => Admit(client, fromAnyThread);
    void ILoopServer.Adopt(EventLoop loop, int loopIndex, UvStream client) => Adopt(loop, loopIndex, client);
    void ILoopServer.Unreserve(int count) => Unreserve(count);
    void ILoopServer.CheckDrained() => CheckDrained();
    void ILoopServer.OnLoopFailed(LoopFailedException error) => OnLoopFailed(error);
    int ILoopServer.LiveConnections => LiveConnections;
    bool ILoopServer.IsListening => _handle != null;
    string ILoopServer.AddressText => Address()?.ToString() ?? "";
    Microsoft.Extensions.Logging.ILogger ILoopServer.Log => Log;
}
