using System.Globalization;

namespace NodeNet;

/// <summary>Node's internal error factories (lib/internal/errors.js), same codes and messages.</summary>
internal static class NodeErrors
{
    public static NodeNetArgumentException InvalidArgType(string name, string expected, object? actual) =>
        new("ERR_INVALID_ARG_TYPE", $"The {Quote(name)} must be {expected}. {NodeNetException.Describe(actual)}", name);

    /// <summary>Node's check of a required argument (ERR_INVALID_ARG_TYPE, "... Received null"), as .NET's ArgumentNullException.</summary>
    public static void ThrowIfNull<T>([System.Diagnostics.CodeAnalysis.NotNull] T? value,
        [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(value))] string name = "")
    {
        if (value is not null) return;
        string expected = typeof(Delegate).IsAssignableFrom(typeof(T)) ? "function" : typeof(T) == typeof(string) ? "string" : "object";
        throw new NodeNetArgumentNullException($"The {Quote(name)} must be of type {expected}. Received null", name);
    }

    /// <summary>A call the object's present state does not allow, with Node's generic code (ERR_INVALID_STATE).</summary>
    public static NodeNetInvalidOperationException InvalidState(string what) => new("ERR_INVALID_STATE", $"Invalid state: {what}");

    public static NodeNetArgumentException InvalidArgValue(string name, object? value, string reason = "is invalid") =>
        new("ERR_INVALID_ARG_VALUE", $"The {(name.Contains('.') ? "property" : "argument")} '{name}' {reason}. Received {Inspect(value)}", name);

    public static NodeNetArgumentOutOfRangeException SocketBadPort(string name, object? port) =>
        new("ERR_SOCKET_BAD_PORT", $"{name} should be >= 0 and < 65536. {NodeNetException.Describe(port)}.", name);

    public static NodeNetArgumentOutOfRangeException OutOfRange(string name, string range, object? value) =>
        new("ERR_OUT_OF_RANGE", $"The value of \"{name}\" is out of range. It must be {range}. Received {Inspect(value)}", name);

    public static NodeNetArgumentOutOfRangeException InvalidAddressFamily(int family, string? host, int? port) =>
        new("ERR_INVALID_ADDRESS_FAMILY", $"Invalid address family: {family} {host ?? "undefined"}:{(port is { } p ? p.ToString(CultureInfo.InvariantCulture) : "undefined")}", "family", port);

    public static NodeNetArgumentException MissingArgs(params string[] names) =>
        new("ERR_MISSING_ARGS", $"The {string.Join(" or ", names.Select(n => $"\"{n}\""))} argument must be specified", names[0]);

    public static NodeNetInvalidOperationException ServerAlreadyListen() =>
        new("ERR_SERVER_ALREADY_LISTEN", "Listen method has been called more than once without closing.");

    public static NodeNetInvalidOperationException SocketHandleAdopted() =>
        new("ERR_SOCKET_HANDLE_ADOPTED", "The bound socket has already been adopted by a server or socket");

    /// <summary>A socket, server or bound socket that cannot move to another loop (Node: to another thread).</summary>
    public static NodeNetInvalidOperationException HandleNotTransferable(string what) =>
        new("ERR_WORKER_HANDLE_NOT_TRANSFERABLE", $"{what} cannot be transferred in its current state; it must be a freshly " +
            "created or accepted handle that has not started reading and has no pending writes");

    public static NodeNetInvalidOperationException ServerNotRunning() => new("ERR_SERVER_NOT_RUNNING", "Server is not running.");

    public static NodeNetObjectDisposedException StreamDestroyed(string method) =>
        new("ERR_STREAM_DESTROYED", $"Cannot call {method} after a stream was destroyed");

    public static NodeNetInvalidOperationException StreamAlreadyFinished(string method) =>
        new("ERR_STREAM_ALREADY_FINISHED", $"Cannot call {method} after a stream was finished");

    public static NodeNetException PrematureClose() => new("ERR_STREAM_PREMATURE_CLOSE", "Premature close");

    public static NodeNetInvalidOperationException WriteAfterEnd() => new("ERR_STREAM_WRITE_AFTER_END", "write after end");

    public static NodeNetAbortException Abort(CancellationToken signal = default) => new(signal);

    public static NodeNetInvalidOperationException SocketClosed() => new("ERR_SOCKET_CLOSED", "Socket is closed");

    public static NodeNetInvalidOperationException SocketClosedBeforeConnection() =>
        new("ERR_SOCKET_CLOSED_BEFORE_CONNECTION", "Socket closed before the connection was established");

    public static NodeNetException EndedByOtherParty() => new("EPIPE", "This socket has been ended by the other party");

    /// <summary>A null address (a lookup answering none) reads "undefined", as Node's template string writes it.</summary>
    public static NodeNetArgumentException InvalidIpAddress(string? value) =>
        new("ERR_INVALID_IP_ADDRESS", $"Invalid IP address: {value ?? "undefined"}", "localAddress");

    public static NodeNetInvalidOperationException InvalidHandleType() =>
        new("ERR_INVALID_HANDLE_TYPE", "This handle type cannot be sent", "TypeError");

    public static NodeNetArgumentException InvalidFdType(string type) =>
        new("ERR_INVALID_FD_TYPE", $"Unsupported fd type: {type}", "fd");

    public static NodeNetArgumentException UnknownEncoding(string encoding) =>
        new("ERR_UNKNOWN_ENCODING", $"Unknown encoding: {encoding}", "encoding");

    /// <summary>A NUL byte would silently cut the string short in C: refused in hosts, as Node 22 and later refuse it.</summary>
    public static void RejectNul(string value, string name)
    {
        if (value.Contains('\0')) throw InvalidArgValue(name, value, "must be a string without null bytes");
    }

    private static string Quote(string name) =>
        name.Contains('.') ? $"\"{name}\" property" : $"\"{name}\" argument";

    /// <summary>util.inspect for the simple values these messages show.</summary>
    internal static string Inspect(object? value) => value switch
    {
        null => "null",
        string s => InspectString(s),
        bool b => b ? "true" : "false",
        double d => NodeNetException.FormatNumber(d),
        int or long => Convert.ToString(value, CultureInfo.InvariantCulture)!,
        INodeInspectable o => o.Inspect(),
        _ => value.ToString() ?? "",
    };

    /// <summary>util.inspect of a string: single quotes, control characters escaped as JavaScript does.</summary>
    private static string InspectString(string s)
    {
        var sb = new System.Text.StringBuilder("'");
        foreach (char c in s)
            sb.Append(c switch
            {
                '\\' => @"\\",
                '\'' => "\\'",
                '\n' => "\\n",
                '\t' => "\\t",
                '\r' => "\\r",
                '\b' => "\\b",
                '\f' => "\\f",
                < ' ' or '\x7f' => $"\\x{(int)c:X2}",
                _ => c.ToString(),
            });
        return sb.Append('\'').ToString();
    }

}
