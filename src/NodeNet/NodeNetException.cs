using System.Globalization;
using NodeNet.Native;

namespace NodeNet;

/// <summary>
/// Node's error object: <see cref="Code"/> is libuv's name (<c>EADDRINUSE</c>) or Node's
/// <c>ERR_*</c> code; system errors also carry <see cref="Errno"/> (libuv's negative code),
/// <see cref="Syscall"/>, and where known <see cref="Address"/> and <see cref="Port"/>.
/// <see cref="Name"/> is the JavaScript class Node would use (Error, TypeError, RangeError).
/// </summary>
public class NodeNetException : Exception
{
    /// <summary>Node's <c>err.code</c>.</summary>
    public string Code { get; }
    /// <summary>Node's <c>err.errno</c>: the negative libuv error number, for system errors.</summary>
    public int? Errno { get; }
    /// <summary>Node's <c>err.syscall</c> (listen, connect, read, write, bind, getaddrinfo...).</summary>
    public string? Syscall { get; }
    /// <summary>Node's <c>err.address</c>: an IP address or a pipe path.</summary>
    public string? Address { get; }
    /// <summary>Node's <c>err.port</c>; absent when 0, -1 for pipes.</summary>
    public int? Port { get; }
    /// <summary>Node's <c>err.hostname</c> for DNS errors.</summary>
    public string? Hostname { get; init; }
    /// <summary>Set on connect errors after binding a local address.</summary>
    public string? LocalAddress { get; init; }
    /// <summary>Set on connect errors after binding a local port.</summary>
    public int? LocalPort { get; init; }
    /// <summary>For an AggregateError (every connection attempt failed): each attempt's error.</summary>
    public IReadOnlyList<NodeNetException>? Errors { get; init; }
    /// <summary>The JavaScript error class Node uses: Error, TypeError or RangeError.</summary>
    public string Name { get; }

    /// <summary>Creates an error with Node's fields.</summary>
    public NodeNetException(string code, string message, string name = "Error", int? errno = null,
        string? syscall = null, string? address = null, int? port = null, Exception? inner = null)
        : base(message, inner)
    {
        Code = code;
        Name = name;
        Errno = errno;
        Syscall = syscall;
        Address = address;
        Port = port;
    }

    /// <summary>Node's <c>err.toString()</c> shape: <c>TypeError [ERR_X]: message</c> for ERR_* codes.</summary>
    public override string ToString() =>
        (Code.StartsWith("ERR_", StringComparison.Ordinal) ? $"{Name} [{Code}]: " : $"{Name}: ") + Message +
        (StackTrace is { } st ? Environment.NewLine + st : "");

    /// <summary>ErrnoException: "read ECONNRESET".</summary>
    internal static NodeNetException FromUv(int err, string syscall, string? original = null)
    {
        string code = UvErrors.Name(err);
        string msg = original == null ? $"{syscall} {code}" : $"{syscall} {code} {original}";
        return new NodeNetException(code, msg, errno: err, syscall: syscall);
    }

    /// <summary>UVExceptionWithHostPort (listen-type): "listen EADDRINUSE: address already in use 127.0.0.1:8124".</summary>
    internal static NodeNetException Listen(int err, string syscall, string? address, int port)
    {
        string code = UvErrors.Name(err);
        string where = address == null ? "" : port > 0 ? $" {address}:{port}" : $" {address}";
        return new NodeNetException(code, $"{syscall} {code}: {UvErrors.Message(err)}{where}",
            errno: err, syscall: syscall, address: address, port: port is > 0 or -1 ? port : null);
    }

    /// <summary>ExceptionWithHostPort (connect/bind-type): "connect ECONNREFUSED 127.0.0.1:8124".</summary>
    internal static NodeNetException Connect(int err, string syscall, string address, int port,
        string? localAddress = null, int? localPort = null)
    {
        string code = UvErrors.Name(err);
        string msg = port > 0 ? $"{syscall} {code} {address}:{port}" : $"{syscall} {code} {address}";
        if (localAddress != null) msg += $" - Local ({localAddress}:{localPort})";
        return new NodeNetException(code, msg, errno: err, syscall: syscall, address: address, port: port is > 0 or -1 ? port : null)
        {
            LocalAddress = localAddress,
            LocalPort = localAddress != null ? localPort : null,
        };
    }

    /// <summary>A dns.lookup failure: EAI_NONAME/EAI_NODATA become ENOTFOUND, other EAI_ codes lose the prefix, as in Node.</summary>
    internal static NodeNetException Dns(int status, string host)
    {
        string name = UvErrors.Name(status);
        string code = name is "EAI_NONAME" or "EAI_NODATA" ? "ENOTFOUND" : name.StartsWith("EAI_", StringComparison.Ordinal) ? name[4..] : name;
        return new NodeNetException(code, $"getaddrinfo {code} {host}", errno: status, syscall: "getaddrinfo") { Hostname = host };
    }

    internal static string Describe(object? value) => value switch
    {
        null => "Received null",
        string s => $"Received type string ('{(s.Length > 28 ? s[..25] + "..." : s)}')",
        bool b => $"Received type boolean ({(b ? "true" : "false")})",
        double d => $"Received type number ({FormatNumber(d)})",
        float f => $"Received type number ({FormatNumber(f)})",
        int or long or short or byte or uint or ulong or ushort or sbyte or decimal =>
            $"Received type number ({Convert.ToString(value, CultureInfo.InvariantCulture)})",
        Delegate dl => $"Received function {dl.Method.Name}",
        _ => $"Received an instance of {value.GetType().Name}",
    };

    internal static string FormatNumber(double d) =>
        double.IsNaN(d) ? "NaN" : double.IsPositiveInfinity(d) ? "Infinity" : double.IsNegativeInfinity(d) ? "-Infinity"
        : d.ToString("R", CultureInfo.InvariantCulture);
}

/// <summary>Node's internal error factories (lib/internal/errors.js), same codes and messages.</summary>
internal static class NodeErrors
{
    public static NodeNetException InvalidArgType(string name, string expected, object? actual) =>
        new("ERR_INVALID_ARG_TYPE", $"The {Quote(name)} must be {expected}. {NodeNetException.Describe(actual)}", "TypeError");

    public static NodeNetException InvalidArgValue(string name, object? value, string reason = "is invalid") =>
        new("ERR_INVALID_ARG_VALUE", $"The {(name.Contains('.') ? "property" : "argument")} '{name}' {reason}. Received {Inspect(value)}", "TypeError");

    public static NodeNetException SocketBadPort(string name, object? port) =>
        new("ERR_SOCKET_BAD_PORT", $"{name} should be >= 0 and < 65536. {NodeNetException.Describe(port)}.", "RangeError");

    public static NodeNetException OutOfRange(string name, string range, object? value) =>
        new("ERR_OUT_OF_RANGE", $"The value of \"{name}\" is out of range. It must be {range}. Received {Inspect(value)}", "RangeError");

    public static NodeNetException MissingArgs(params string[] names) =>
        new("ERR_MISSING_ARGS", $"The {string.Join(" or ", names.Select(n => $"\"{n}\""))} argument must be specified", "TypeError");

    public static NodeNetException ServerAlreadyListen() =>
        new("ERR_SERVER_ALREADY_LISTEN", "Listen method has been called more than once without closing.");

    public static NodeNetException ServerNotRunning() => new("ERR_SERVER_NOT_RUNNING", "Server is not running.");

    public static NodeNetException StreamDestroyed(string method) =>
        new("ERR_STREAM_DESTROYED", $"Cannot call {method} after a stream was destroyed");

    public static NodeNetException WriteAfterEnd() => new("ERR_STREAM_WRITE_AFTER_END", "write after end");

    public static NodeNetException Abort() => new("ABORT_ERR", "The operation was aborted", "AbortError");

    public static NodeNetException SocketClosed() => new("ERR_SOCKET_CLOSED", "Socket is closed");

    public static NodeNetException SocketClosedBeforeConnection() =>
        new("ERR_SOCKET_CLOSED_BEFORE_CONNECTION", "Socket closed before the connection was established");

    public static NodeNetException EndedByOtherParty() => new("EPIPE", "This socket has been ended by the other party");

    public static NodeNetException InvalidIpAddress(string value) =>
        new("ERR_INVALID_IP_ADDRESS", $"Invalid IP address: {value}", "TypeError");

    public static NodeNetException InvalidHandleType() =>
        new("ERR_INVALID_HANDLE_TYPE", "This handle type cannot be sent", "TypeError");

    public static NodeNetException InvalidFdType(string type) =>
        new("ERR_INVALID_FD_TYPE", $"Unsupported fd type: {type}", "TypeError");

    public static NodeNetException UnknownEncoding(string encoding) =>
        new("ERR_UNKNOWN_ENCODING", $"Unknown encoding: {encoding}", "TypeError");

    /// <summary>A NUL byte would silently cut the string short in C (Node 20 does just that for hosts and paths; we refuse).</summary>
    public static void RejectNul(string value, string name)
    {
        if (value.Contains('\0')) throw InvalidArgValue(name, value, "must be a string without null bytes");
    }

    /// <summary>As <see cref="RejectNul"/>, except for a Linux abstract socket name (a leading NUL), whose bytes are all its own.</summary>
    public static void RejectNulInPath(string path, string name)
    {
        if (!(OperatingSystem.IsLinux() && Native.UnixSocket.IsAbstract(path))) RejectNul(path, name);
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
        ListenOptions or ConnectOptions or ServerOptions or SocketOptions => InspectOptions(value),
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

    /// <summary>util.inspect of an options object: only the properties that were set, in JS style ({ host: 'x' }).
    /// Listed by hand rather than by reflection, so trimmed and AOT builds print the same.</summary>
    private static string InspectOptions(object options)
    {
        var parts = new List<string>();
        void Add(string name, object? value, object? unset = null)
        {
            if (value != null && !Equals(value, unset)) parts.Add($"{name}: {Inspect(value)}");
        }
        switch (options)
        {
            case ListenOptions o:
                Add("port", o.Port); Add("host", o.Host); Add("path", o.Path); Add("backlog", o.Backlog);
                Add("exclusive", o.Exclusive, false); Add("ipv6Only", o.Ipv6Only, false); Add("reusePort", o.ReusePort, false);
                Add("readableAll", o.ReadableAll, false); Add("writableAll", o.WritableAll, false); Add("fd", o.Fd);
                Add("mode", o.Mode); Add("reclaimStale", o.ReclaimStale, false); Add("pendingInstances", o.PendingInstances);
                break;
            case ConnectOptions o:
                Add("port", o.Port); Add("host", o.Host); Add("path", o.Path); Add("localAddress", o.LocalAddress);
                Add("localPort", o.LocalPort); Add("family", o.Family, 0); Add("noDelay", o.NoDelay, false);
                Add("keepAlive", o.KeepAlive, false); Add("keepAliveInitialDelay", o.KeepAliveInitialDelay, 0.0);
                Add("timeout", o.Timeout); Add("autoSelectFamily", o.AutoSelectFamily, true);
                Add("autoSelectFamilyAttemptTimeout", o.AutoSelectFamilyAttemptTimeout, 250); Add("allowHalfOpen", o.AllowHalfOpen, false);
                Add("ipc", o.Ipc, false);
                break;
            case ServerOptions o:
                Add("allowHalfOpen", o.AllowHalfOpen, false); Add("pauseOnConnect", o.PauseOnConnect, false);
                Add("noDelay", o.NoDelay, false); Add("keepAlive", o.KeepAlive, false);
                Add("keepAliveInitialDelay", o.KeepAliveInitialDelay, 0.0); Add("highWaterMark", o.HighWaterMark);
                Add("ipc", o.Ipc, false); Add("loops", o.Loops, 1); Add("loopMode", o.LoopMode, LoopMode.Pass); Add("distribution", o.Distribution, LoopDistribution.RoundRobin);
                break;
            case SocketOptions o:
                Add("allowHalfOpen", o.AllowHalfOpen, false); Add("fd", o.Fd); Add("readable", o.Readable, true);
                Add("writable", o.Writable, true); Add("highWaterMark", o.HighWaterMark); Add("ipc", o.Ipc, false);
                break;
        }
        return parts.Count == 0 ? "{}" : "{ " + string.Join(", ", parts) + " }";
    }
}
