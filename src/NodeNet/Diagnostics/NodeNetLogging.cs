using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace NodeNet;

/// <summary>
/// Where NodeNet logs: servers listening and closing, dropped connections, listen errors and uncaught
/// exceptions. Silent until you set <see cref="LoggerFactory"/> (for example to your host's factory).
/// </summary>
public static partial class NodeNetLogging
{
    private static ILogger s_logger = NullLogger.Instance;

    /// <summary>The factory NodeNet creates its logger (category "NodeNet") from. Default: nothing is logged.</summary>
    public static ILoggerFactory LoggerFactory
    {
        set => s_logger = (value ?? NullLoggerFactory.Instance).CreateLogger("NodeNet");
    }

    internal static ILogger Logger => s_logger;

    [LoggerMessage(1, LogLevel.Information, "Server listening on {Address}")]
    internal static partial void Listening(ILogger logger, string address);

    [LoggerMessage(2, LogLevel.Information, "Server on {Address} closed")]
    internal static partial void Closed(ILogger logger, string address);

    [LoggerMessage(3, LogLevel.Warning, "Connection from {Remote} dropped: maxConnections ({Max}) reached")]
    internal static partial void Dropped(ILogger logger, string remote, int max);

    [LoggerMessage(4, LogLevel.Error, "Server could not listen on {Address}: {Code}")]
    internal static partial void ListenFailed(ILogger logger, string address, string code, Exception error);

    [LoggerMessage(5, LogLevel.Error, "Uncaught exception in an event loop callback")]
    internal static partial void Uncaught(ILogger logger, Exception error);

    [LoggerMessage(6, LogLevel.Information, "Server on {Address} serves on {Loops} loops ({Mode})")]
    internal static partial void ServingOnLoops(ILogger logger, string address, int loops, string mode);

    [LoggerMessage(7, LogLevel.Error, "Loop {Index} of the server on {Address} ended with an uncaught {Exception}; its {Connections} connections are gone, and {WhatNext}")]
    internal static partial void LoopFailed(ILogger logger, int index, string address, string exception, int connections, string whatNext, Exception error);

    [LoggerMessage(8, LogLevel.Warning, "A handle received over IPC was closed: {Max} already wait for ReceiveHandleAsync")]
    internal static partial void HandleQueueFull(ILogger logger, int max);
}
