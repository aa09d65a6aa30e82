namespace NodeNet;

/// <summary>The names of <see cref="Socket"/>'s built-in events, for <c>On</c>/<c>Once</c>/<c>Off</c> without string typos.
/// Each is also a typed .NET event on the socket (<see cref="Socket.Data"/>, <see cref="Socket.Closed"/>...).</summary>
public static class SocketEvents
{
    /// <summary>'connect': the connection is established (no arguments).</summary>
    public const string Connect = "connect";
    /// <summary>'ready': emitted right after 'connect' (no arguments).</summary>
    public const string Ready = "ready";
    /// <summary>'lookup': (Exception? err, string? address, int family, string host) after each resolved address.</summary>
    public const string Lookup = "lookup";
    /// <summary>'connectionAttempt': (string address, int port, int family).</summary>
    public const string ConnectionAttempt = "connectionAttempt";
    /// <summary>'connectionAttemptFailed': (string address, int port, int family, Exception error).</summary>
    public const string ConnectionAttemptFailed = "connectionAttemptFailed";
    /// <summary>'connectionAttemptTimeout': (string address, int port, int family).</summary>
    public const string ConnectionAttemptTimeout = "connectionAttemptTimeout";
    /// <summary>'data': a <c>byte[]</c> the listener owns, or a <c>string</c> after SetEncoding.</summary>
    public const string Data = "data";
    /// <summary>'end': the peer ended its side (FIN) and every chunk before it was delivered.</summary>
    public const string End = "end";
    /// <summary>'finish': our side ended and every write was handed to the kernel.</summary>
    public const string Finish = "finish";
    /// <summary>'drain': the write buffer emptied after Write returned false.</summary>
    public const string Drain = "drain";
    /// <summary>'timeout': idle for the SetTimeout period (the socket stays open).</summary>
    public const string Timeout = "timeout";
    /// <summary>'error': (Exception error); 'close' follows.</summary>
    public const string Error = "error";
    /// <summary>'close': (bool hadError), once, last.</summary>
    public const string Close = "close";
    /// <summary>'pause': reading paused.</summary>
    public const string Pause = "pause";
    /// <summary>'resume': reading resumed.</summary>
    public const string Resume = "resume";
    /// <summary>'message' on an IPC socket: (byte[] message, ReceivedHandle? handle).</summary>
    public const string Message = "message";
    /// <summary>'handle' on an IPC socket: (ReceivedHandle handle), for a handle no 'message' listener adopted.</summary>
    public const string Handle = "handle";

    /// <summary>Each built-in event and the types each of its arguments can have: declared once, here.</summary>
    internal static readonly EventSignatures Signatures = new(
        new(Connect), new(Ready),
        new(Lookup, [typeof(Exception)], [typeof(string)], [typeof(int)], [typeof(string)]),
        new(ConnectionAttempt, [typeof(string)], [typeof(int)], [typeof(int)]),
        new(ConnectionAttemptFailed, [typeof(string)], [typeof(int)], [typeof(int)], [typeof(Exception)]),
        new(ConnectionAttemptTimeout, [typeof(string)], [typeof(int)], [typeof(int)]),
        new(Data, [typeof(byte[]), typeof(string)]),
        new(End), new(Finish), new(Drain), new(Timeout), new(Pause), new(Resume),
        new(Error, [typeof(Exception)]),
        new(Close, [typeof(bool)]),
        new(Message, [typeof(byte[])], [typeof(ReceivedHandle)]),
        new(Handle, [typeof(ReceivedHandle)]));
}

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

    internal static readonly EventSignatures Signatures = new(
        new(Listening),
        new(Connection, [typeof(Socket)]),
        new(Error, [typeof(Exception)]),
        new(Close),
        new(Drop, [typeof(DropInfo)]));
}

/// <summary>A built-in event: its name and, for each argument position, the types that argument can have.</summary>
internal sealed class EventSignature(string name, params Type[][] arguments)
{
    public string Name { get; } = name;
    public Type[][] Arguments { get; } = arguments;

    /// <summary>Why a listener taking <paramref name="parameters"/> can never receive this event's arguments; null if it can.</summary>
    public string? Mismatch(Type[] parameters)
    {
        if (parameters.Length > Arguments.Length)
            return $"'{Name}' passes {Arguments.Length} argument{(Arguments.Length == 1 ? "" : "s")}, but the listener takes {parameters.Length}";
        for (int i = 0; i < parameters.Length; i++)
        {
            Type p = parameters[i];
            if (Arguments[i].Any(a => p.IsAssignableFrom(a))) continue;
            string can = string.Join(" or ", Arguments[i].Select(a => a.Name));
            return $"'{Name}' passes {can} as argument {i + 1}, but the listener takes {p.Name}";
        }
        return null;
    }
}

/// <summary>An emitter's built-in events, by name.</summary>
internal sealed class EventSignatures(params EventSignature[] events)
{
    private readonly Dictionary<string, EventSignature> _byName = events.ToDictionary(e => e.Name, StringComparer.Ordinal);

    public bool Contains(string name) => _byName.ContainsKey(name);

    public EventSignature? Find(string name) => _byName.GetValueOrDefault(name);
}
