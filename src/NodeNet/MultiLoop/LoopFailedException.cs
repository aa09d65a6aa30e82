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
    private LoopFailedException(int loopIndex, string server, Exception error, int connectionsLost, bool replaced, string whatNext)
        : base("ERR_SERVER_LOOP_FAILED",
            $"Loop {loopIndex} of the server on {server} ended with an uncaught {error.GetType().Name}: {error.Message}; " +
            $"{connectionsLost} connection{(connectionsLost == 1 ? " was" : "s were")} lost, and {whatNext}",
            inner: error)
    {
        LoopIndex = loopIndex;
        ConnectionsLost = connectionsLost;
        Replaced = replaced;
    }

    /// <summary>A server's loop failed: counted in nodenet.server.loops.failed, logged, and the exception its server
    /// reports (one place for a loop of several and for the server's own).</summary>
    internal static LoopFailedException Report(Microsoft.Extensions.Logging.ILogger log, int loopIndex, string server, Exception error,
        int connectionsLost, bool replaced, int loopsServing)
    {
        string whatNext = replaced ? "a new loop took its place" : loopsServing == 0 ? "the server serves no more"
            : $"the server goes on with {loopsServing} loop{(loopsServing == 1 ? "" : "s")}";
        NodeNetMetrics.LoopsFailed.Add(1, new KeyValuePair<string, object?>("replaced", replaced));
        NodeNetLogging.LoopFailed(log, loopIndex, server, error.GetType().Name, connectionsLost, whatNext, error);
        return new LoopFailedException(loopIndex, server, error, connectionsLost, replaced, whatNext);
    }

    /// <summary>Which of the server's loops (<see cref="Server.ServingLoops"/>) failed.</summary>
    public int LoopIndex { get; }

    /// <summary>The connections that ended with it.</summary>
    public int ConnectionsLost { get; }

    /// <summary>True when a new loop took its place.</summary>
    public bool Replaced { get; }
}
