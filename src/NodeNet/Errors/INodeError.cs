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

/// <summary>The fields every NodeNet exception carries, and Node's <c>err.toString()</c>.</summary>
internal sealed record NodeErrorInfo(string Code, string Name, int? Errno = null, string? Syscall = null, string? Address = null, int? Port = null)
{
    /// <summary><c>TypeError [ERR_X]: message</c> for ERR_* codes, <c>Error: message</c> otherwise, then the stack.</summary>
    public string Format(string message, string? stackTrace) =>
        (Code.StartsWith("ERR_", StringComparison.Ordinal) ? $"{Name} [{Code}]: " : $"{Name}: ") + message +
        (stackTrace is { } st ? Environment.NewLine + st : "");
}
