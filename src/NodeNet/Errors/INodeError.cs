namespace NodeNet;

/// <summary>
/// Node's error fields, on every exception NodeNet throws or reports, whatever .NET type it is: system errors are
/// <see cref="NodeNetException"/> (an <see cref="IOException"/>), argument errors <see cref="NodeNetArgumentException"/>
/// and <see cref="NodeNetArgumentOutOfRangeException"/>, state errors <see cref="NodeNetInvalidOperationException"/> and
/// <see cref="NodeNetObjectDisposedException"/>, aborts <see cref="NodeNetAbortException"/>. Catch the .NET type, read
/// Node's fields through this interface: <c>catch (IOException e) when (e is INodeError { Code: "ECONNRESET" })</c>.
/// </summary>
public interface INodeError
{
    /// <summary>Node's <c>err.code</c>: libuv's name (<c>ECONNRESET</c>) or Node's <c>ERR_*</c> code.</summary>
    string Code { get; }
    /// <summary>Node's <c>err.errno</c>: the negative libuv error number, for system errors.</summary>
    int? Errno { get; }
    /// <summary>Node's <c>err.syscall</c> (listen, connect, read, write, getaddrinfo...).</summary>
    string? Syscall { get; }
    /// <summary>Node's <c>err.address</c>: an IP address or a pipe path.</summary>
    string? Address { get; }
    /// <summary>Node's <c>err.port</c>.</summary>
    int? Port { get; }
    /// <summary>The JavaScript class Node uses: Error, TypeError, RangeError, AbortError.</summary>
    string Name { get; }
    /// <summary>Node's message, exactly.</summary>
    string Message { get; }
}

/// <summary>The fields every NodeNet exception carries.</summary>
internal sealed record NodeErrorInfo(string Code, string Name, int? Errno = null, string? Syscall = null, string? Address = null, int? Port = null);

/// <summary>Node's text for an error, beside .NET's: an exception's <c>ToString()</c> is .NET's (type, message, inner
/// exception, stack), so logs and crash output keep them.</summary>
public static class NodeErrorText
{
    /// <summary>Node's <c>String(err)</c>: <c>TypeError [ERR_X]: message</c> for Node's ERR_* codes,
    /// <c>Error: connect ECONNREFUSED 127.0.0.1:1</c> for system errors.</summary>
    public static string ToNodeString(this INodeError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return (error.Code.StartsWith("ERR_", StringComparison.Ordinal) ? $"{error.Name} [{error.Code}]: " : $"{error.Name}: ") + error.Message;
    }
}
