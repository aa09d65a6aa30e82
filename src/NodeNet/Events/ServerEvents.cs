namespace NodeNet;

/// <summary>The names of <see cref="Server"/>'s built-in events. Each is also a typed .NET event on the server
/// (<see cref="Server.Connection"/>, <see cref="Server.ListeningStarted"/>...).</summary>
public static class ServerEvents
{
    /// <summary>'listening': the server is bound and listening (no arguments).</summary>
    public const string Listening = "listening";
    /// <summary>'connection': (Socket socket), on the connection's own loop.</summary>
    public const string Connection = "connection";
    /// <summary>'error': (Exception error).</summary>
    public const string Error = "error";
    /// <summary>'close': the server stopped listening and every connection ended (no arguments).</summary>
    public const string Close = "close";
    /// <summary>'drop': (DropInfo? info), a connection closed at accept because of MaxConnections; null info for pipes.</summary>
    public const string Drop = "drop";
}
