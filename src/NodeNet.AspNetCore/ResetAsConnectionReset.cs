using Microsoft.AspNetCore.Connections;

namespace NodeNet.AspNetCore;

/// <summary>
/// A connection's input ends as Kestrel's own transports end it on a reset: a peer's RST (NodeNet's "read ECONNRESET",
/// or ECONNABORTED/EPIPE) becomes <see cref="ConnectionResetException"/> with NodeNet's exception inside, since ASP.NET
/// Core and middleware match on that type. Other errors pass through as they are.
/// </summary>
internal static class ResetAsConnectionReset
{
    public static Exception Map(Exception e) =>
        e is INodeError { Code: "ECONNRESET" or "ECONNABORTED" or "EPIPE" } ? new ConnectionResetException(e.Message, e) : e;
}
