using System.Globalization;
using System.Net.Sockets;
using NodeNet.Native;

namespace NodeNet;

/// <summary>
/// A system error with Node's fields: <see cref="Code"/> is libuv's name (<c>ECONNRESET</c>, <c>EADDRINUSE</c>) or a
/// Node <c>ERR_*</c> code for I/O that failed; <see cref="Errno"/> is libuv's negative code, and <see cref="Syscall"/>,
/// <see cref="Address"/> and <see cref="Port"/> are set where Node sets them. It is an <see cref="IOException"/>, so
/// stream code that catches those catches a reset; where the code maps to a <see cref="SocketError"/>,
/// <see cref="SocketErrorCode"/> says which and <see cref="Exception.InnerException"/> is that <see cref="SocketException"/>.
/// Argument and state errors have their own .NET types; every NodeNet exception is an <see cref="INodeError"/>.
/// </summary>
public class NodeNetException : IOException, INodeError
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
        : base(message, inner ?? (ToSocketError(code) is { } e ? new SocketException((int)e) : null))
    {
        Code = code;
        Name = name;
        Errno = errno;
        Syscall = syscall;
        Address = address;
        Port = port;
        SocketErrorCode = ToSocketError(code);
    }

    /// <summary>The <see cref="SocketError"/> this code is, where one is (ECONNRESET is ConnectionReset...); else null.</summary>
    public SocketError? SocketErrorCode { get; }

    /// <summary>Node's <c>err.toString()</c> shape: <c>TypeError [ERR_X]: message</c> for ERR_* codes.</summary>

    private static SocketError? ToSocketError(string code) => code switch
    {
        "ECONNRESET" => SocketError.ConnectionReset,
        "ECONNREFUSED" => SocketError.ConnectionRefused,
        "ECONNABORTED" => SocketError.ConnectionAborted,
        "EADDRINUSE" => SocketError.AddressAlreadyInUse,
        "EADDRNOTAVAIL" => SocketError.AddressNotAvailable,
        "EAFNOSUPPORT" => SocketError.AddressFamilyNotSupported,
        "ETIMEDOUT" => SocketError.TimedOut,
        "ENETUNREACH" => SocketError.NetworkUnreachable,
        "ENETDOWN" => SocketError.NetworkDown,
        "EHOSTUNREACH" => SocketError.HostUnreachable,
        "ENOTCONN" => SocketError.NotConnected,
        "EISCONN" => SocketError.IsConnected,
        "EPIPE" => SocketError.Shutdown, // what .NET's own sockets report for EPIPE
        "EACCES" => SocketError.AccessDenied,
        "EINVAL" => SocketError.InvalidArgument,
        "EAGAIN" => SocketError.WouldBlock,
        "EMFILE" => SocketError.TooManyOpenSockets,
        "ENOBUFS" => SocketError.NoBufferSpaceAvailable,
        "ECANCELED" => SocketError.OperationAborted,
        "EALREADY" => SocketError.AlreadyInProgress,
        "EMSGSIZE" => SocketError.MessageSize,
        "ENOTSOCK" => SocketError.NotSocket,
        "ENOTFOUND" => SocketError.HostNotFound,
        "EAI_AGAIN" => SocketError.TryAgain,
        _ => null,
    };

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

    /// <summary>A pipe connect that libuv refused at once (a path too long for sun_path): Node's internalConnect builds its
    /// message with the details of the pipe's empty getsockname(), "connect EINVAL /path - Local (undefined:undefined)".</summary>
    internal static NodeNetException PipeConnectRefusedAtOnce(int err, string path)
    {
        string code = UvErrors.Name(err);
        return new NodeNetException(code, $"connect {code} {path} - Local (undefined:undefined)", errno: err, syscall: "connect", address: path);
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

    /// <summary>A dns.lookup failure as Node's dnsException makes it: EAI_NONAME and EAI_NODATA become ENOTFOUND, every other
    /// code keeps libuv's name (EAI_AGAIN, EAI_FAIL...).</summary>
    internal static NodeNetException Dns(int status, string host)
    {
        string name = UvErrors.Name(status);
        string code = name is "EAI_NONAME" or "EAI_NODATA" ? "ENOTFOUND" : name;
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
