using NodeNet.Uv;
using System.Net;
using System.Net.Sockets;

namespace NodeNet;

/// <summary>Node's <c>socket.readyState</c> as an enum (<see cref="Socket.State"/>).</summary>
public enum SocketReadyState
{
    /// <summary>"opening": connecting.</summary>
    Opening,
    /// <summary>"open": readable and writable.</summary>
    Open,
    /// <summary>"readOnly": our side ended.</summary>
    ReadOnly,
    /// <summary>"writeOnly": the peer's side ended.</summary>
    WriteOnly,
    /// <summary>"closed".</summary>
    Closed,
}
