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

    [LoggerMessage(EventId = NodeNetLogEvents.Listening, EventName = "Listening", Level = LogLevel.Information,
        Message = "Server listening on {Address}")]
    internal static partial void Listening(ILogger logger, string address);

    [LoggerMessage(EventId = NodeNetLogEvents.ServerClosed, EventName = "ServerClosed", Level = LogLevel.Information,
        Message = "Server on {Address} closed")]
    internal static partial void Closed(ILogger logger, string address);

    [LoggerMessage(EventId = NodeNetLogEvents.ConnectionDropped, EventName = "ConnectionDropped", Level = LogLevel.Warning,
        Message = "Connection from {Remote} dropped: maxConnections ({Max}) reached")]
    internal static partial void Dropped(ILogger logger, string remote, int max);

    [LoggerMessage(EventId = NodeNetLogEvents.ListenFailed, EventName = "ListenFailed", Level = LogLevel.Error,
        Message = "Server could not listen on {Address}: {Code}")]
    internal static partial void ListenFailed(ILogger logger, string address, string code, Exception error);

    [LoggerMessage(EventId = NodeNetLogEvents.Uncaught, EventName = "Uncaught", Level = LogLevel.Error,
        Message = "Uncaught exception in an event loop callback")]
    internal static partial void Uncaught(ILogger logger, Exception error);

    [LoggerMessage(EventId = NodeNetLogEvents.ServingOnLoops, EventName = "ServingOnLoops", Level = LogLevel.Information,
        Message = "Server on {Address} serves on {Loops} loops ({Mode})")]
    internal static partial void ServingOnLoops(ILogger logger, string address, int loops, string mode);

    [LoggerMessage(EventId = NodeNetLogEvents.LoopFailed, EventName = "LoopFailed", Level = LogLevel.Error,
        Message = "Loop {Index} of the server on {Address} ended with an uncaught {Exception}; its {Connections} connections are gone, and {WhatNext}")]
    internal static partial void LoopFailed(ILogger logger, int index, string address, string exception, int connections, string whatNext, Exception error);

    [LoggerMessage(EventId = NodeNetLogEvents.HandleQueueFull, EventName = "HandleQueueFull", Level = LogLevel.Warning,
        Message = "A handle received over IPC was closed: {Max} already wait for ReceiveHandleAsync")]
    internal static partial void HandleQueueFull(ILogger logger, int max);
}
