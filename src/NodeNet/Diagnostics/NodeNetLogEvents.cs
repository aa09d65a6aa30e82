namespace NodeNet;

/// <summary>
/// Every log event id NodeNet's packages use, in one table, so that one id means one thing under any category (a
/// server's own logger is shared by the core library and NodeNet.Hosting). The core library logs from 1, NodeNet.Hosting
/// from 100, NodeNet.AspNetCore from 200. Filter or alert on these; an id never changes meaning once released.
/// </summary>
public static class NodeNetLogEvents
{
    /// <summary>Information: a server is listening.</summary>
    public const int Listening = 1;
    /// <summary>Information: a server closed.</summary>
    public const int ServerClosed = 2;
    /// <summary>Warning: a connection was dropped at maxConnections.</summary>
    public const int ConnectionDropped = 3;
    /// <summary>Error: a server could not listen.</summary>
    public const int ListenFailed = 4;
    /// <summary>Error: an uncaught exception in an event loop callback.</summary>
    public const int Uncaught = 5;
    /// <summary>Information: a server serves on several loops.</summary>
    public const int ServingOnLoops = 6;
    /// <summary>Error: one of a server's loops ended with an uncaught exception.</summary>
    public const int LoopFailed = 7;
    /// <summary>Warning: a handle received over IPC was closed because the queue was full.</summary>
    public const int HandleQueueFull = 8;

    /// <summary>Debug (NodeNet.Hosting): a connection was accepted.</summary>
    public const int HostedConnectionAccepted = 101;
    /// <summary>Debug (NodeNet.Hosting): a connection closed.</summary>
    public const int HostedConnectionClosed = 102;
    /// <summary>Error (NodeNet.Hosting): a connection handler failed; the connection was destroyed.</summary>
    public const int HostedConnectionFailed = 103;
    /// <summary>Information (NodeNet.Hosting): a hosted server is stopping.</summary>
    public const int HostedServerStopping = 104;
    /// <summary>Information (NodeNet.Hosting): a hosted server stopped.</summary>
    public const int HostedServerStopped = 105;
    /// <summary>Error (NodeNet.Hosting): an uncaught exception on a hosted server's loop; it serves on.</summary>
    public const int HostedUncaught = 106;
    /// <summary>Critical (NodeNet.Hosting): an uncaught exception on a hosted server's loop stops the application.</summary>
    public const int HostedUncaughtStopping = 107;
    /// <summary>Critical (NodeNet.Hosting): a hosted server's loop ended by an error; the application stops.</summary>
    public const int HostedLoopDied = 108;

    /// <summary>Debug (NodeNet.AspNetCore): the listener's loop had already ended when it was unbound.</summary>
    public const int TransportLoopAlreadyEnded = 201;
}
