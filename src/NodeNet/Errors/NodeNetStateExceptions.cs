namespace NodeNet;

// The .NET types for Node's argument, state and abort errors; system errors are NodeNetException. Each carries Node's
// fields (INodeError) and message exactly: ArgumentException's own suffix "(Parameter 'x')" is left out of Message.

/// <summary>An argument Node rejects with a TypeError (ERR_INVALID_ARG_TYPE, ERR_INVALID_ARG_VALUE, ERR_MISSING_ARGS,
/// ERR_INVALID_IP_ADDRESS, ERR_UNKNOWN_ENCODING...).</summary>
public sealed class NodeNetArgumentException : ArgumentException, INodeError
{
    private readonly NodeErrorInfo _info;
    private readonly string _message;
    internal NodeNetArgumentException(string code, string message, string? paramName, string name = "TypeError")
        : base(message, paramName) { _info = new NodeErrorInfo(code, name); _message = message; }
    /// <inheritdoc />
    public override string Message => _message;
    /// <inheritdoc />
    public string Code => _info.Code;
    /// <inheritdoc />
    public int? Errno => null;
    /// <inheritdoc />
    public string? Syscall => null;
    /// <inheritdoc />
    public string? Address => null;
    /// <inheritdoc />
    public int? Port => null;
    /// <inheritdoc />
    public string Name => _info.Name;
}

/// <summary>A required argument that is null: Node's TypeError ERR_INVALID_ARG_TYPE, as .NET's ArgumentNullException.</summary>
public sealed class NodeNetArgumentNullException : ArgumentNullException, INodeError
{
    private readonly NodeErrorInfo _info;
    private readonly string _message;
    internal NodeNetArgumentNullException(string message, string? paramName)
        : base(paramName, message) { _info = new NodeErrorInfo("ERR_INVALID_ARG_TYPE", "TypeError"); _message = message; }
    /// <inheritdoc />
    public override string Message => _message;
    /// <inheritdoc />
    public string Code => _info.Code;
    /// <inheritdoc />
    public int? Errno => null;
    /// <inheritdoc />
    public string? Syscall => null;
    /// <inheritdoc />
    public string? Address => null;
    /// <inheritdoc />
    public int? Port => null;
    /// <inheritdoc />
    public string Name => _info.Name;
}

/// <summary>A value out of Node's range, a RangeError (ERR_SOCKET_BAD_PORT, ERR_OUT_OF_RANGE).</summary>
public sealed class NodeNetArgumentOutOfRangeException : ArgumentOutOfRangeException, INodeError
{
    private readonly NodeErrorInfo _info;
    private readonly string _message;
    internal NodeNetArgumentOutOfRangeException(string code, string message, string? paramName, int? port = null)
        : base(paramName, message) { _info = new NodeErrorInfo(code, "RangeError", Port: port); _message = message; }
    /// <inheritdoc />
    public override string Message => _message;
    /// <inheritdoc />
    public string Code => _info.Code;
    /// <inheritdoc />
    public int? Errno => null;
    /// <inheritdoc />
    public string? Syscall => null;
    /// <inheritdoc />
    public string? Address => null;
    /// <inheritdoc />
    public int? Port => _info.Port;
    /// <inheritdoc />
    public string Name => _info.Name;
}

/// <summary>A call the object's state does not allow (ERR_SERVER_NOT_RUNNING, ERR_SERVER_ALREADY_LISTEN,
/// ERR_STREAM_WRITE_AFTER_END, ERR_SOCKET_CLOSED, ERR_SOCKET_CLOSED_BEFORE_CONNECTION, ERR_INVALID_HANDLE_TYPE...).</summary>
public sealed class NodeNetInvalidOperationException : InvalidOperationException, INodeError
{
    private readonly NodeErrorInfo _info;
    internal NodeNetInvalidOperationException(string code, string message, string name = "Error") : base(message) => _info = new NodeErrorInfo(code, name);
    /// <inheritdoc />
    public string Code => _info.Code;
    /// <inheritdoc />
    public int? Errno => null;
    /// <inheritdoc />
    public string? Syscall => null;
    /// <inheritdoc />
    public string? Address => null;
    /// <inheritdoc />
    public int? Port => null;
    /// <inheritdoc />
    public string Name => _info.Name;
}

/// <summary>A call on a destroyed stream (ERR_STREAM_DESTROYED).</summary>
public sealed class NodeNetObjectDisposedException : ObjectDisposedException, INodeError
{
    private readonly NodeErrorInfo _info;
    private readonly string _message;
    internal NodeNetObjectDisposedException(string code, string message, string objectName = "Socket") : base(objectName, message)
    { _info = new NodeErrorInfo(code, "Error"); _message = message; }
    /// <inheritdoc />
    public override string Message => _message;
    /// <inheritdoc />
    public string Code => _info.Code;
    /// <inheritdoc />
    public int? Errno => null;
    /// <inheritdoc />
    public string? Syscall => null;
    /// <inheritdoc />
    public string? Address => null;
    /// <inheritdoc />
    public int? Port => null;
    /// <inheritdoc />
    public string Name => _info.Name;
}

/// <summary>An AbortSignal (a CancellationToken here) destroyed the socket or closed the server (ABORT_ERR).</summary>
public sealed class NodeNetAbortException : OperationCanceledException, INodeError
{
    private readonly NodeErrorInfo _info;
    internal NodeNetAbortException(CancellationToken token) : base("The operation was aborted", token) => _info = new NodeErrorInfo("ABORT_ERR", "AbortError");
    /// <inheritdoc />
    public string Code => _info.Code;
    /// <inheritdoc />
    public int? Errno => null;
    /// <inheritdoc />
    public string? Syscall => null;
    /// <inheritdoc />
    public string? Address => null;
    /// <inheritdoc />
    public int? Port => null;
    /// <inheritdoc />
    public string Name => _info.Name;
}
