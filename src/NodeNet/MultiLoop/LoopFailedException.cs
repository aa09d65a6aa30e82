using System.Globalization;
using System.Net.Sockets;
using NodeNet.Native;

namespace NodeNet;

/// <summary>What <see cref="Server.LoopFailed"/> reports (and 'error', on a server with several loops) when one of a
/// server's loops ended with an uncaught exception (the
/// <see cref="Exception.InnerException"/>), and that loop's connections with it. The server goes on accepting, on the
/// loops that are left or on a replacement (<see cref="ServerOptions.LoopFailure"/>), unless the loop was its own: then it
/// serves no more. Code ERR_SERVER_LOOP_FAILED.</summary>
public sealed class LoopFailedException : NodeNetException
{
    internal LoopFailedException(int loopIndex, string server, Exception error, int connectionsLost, bool replaced, int loopsServing)
        : base("ERR_SERVER_LOOP_FAILED",
            $"Loop {loopIndex} of the server on {server} ended with an uncaught {error.GetType().Name}: {error.Message}; " +
            $"{connectionsLost} connection{(connectionsLost == 1 ? " was" : "s were")} lost, and " +
            (replaced ? "a new loop took its place" : loopsServing == 0 ? "the server serves no more"
                : $"the server goes on with {loopsServing} loop{(loopsServing == 1 ? "" : "s")}"),
            inner: error)
    {
        LoopIndex = loopIndex;
        ConnectionsLost = connectionsLost;
        Replaced = replaced;
    }

    /// <summary>Which of the server's loops (<see cref="Server.ServingLoops"/>) failed.</summary>
    public int LoopIndex { get; }

    /// <summary>The connections that ended with it.</summary>
    public int ConnectionsLost { get; }

    /// <summary>True when a new loop took its place.</summary>
    public bool Replaced { get; }
}
