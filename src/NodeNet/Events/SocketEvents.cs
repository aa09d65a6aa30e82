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
    /// <summary>'readable': in paused mode, data can be read with Read (or the stream ended). A listener makes the
    /// socket paused: it takes precedence over 'data'.</summary>
    public const string Readable = "readable";
    /// <summary>'pipe': (Socket source) a source started piping into this socket.</summary>
    public const string Pipe = "pipe";
    /// <summary>'unpipe': (Socket source) a source stopped piping into this socket.</summary>
    public const string Unpipe = "unpipe";
    /// <summary>'message' on an IPC socket: (byte[] message, ReceivedHandle? handle).</summary>
    public const string Message = "message";
    /// <summary>'handle' on an IPC socket: (ReceivedHandle handle), for a handle no 'message' listener adopted.</summary>
    public const string Handle = "handle";
}
