using System.Collections;

namespace NodeNet.Hosting;

/// <summary>The logging scope of one connection: structured (ConnectionId, RemoteEndPoint, LocalEndPoint, Server) for
/// providers that read scope properties, and readable as text for the console.</summary>
internal sealed class ConnectionScope(string server, long id, string? remote, string? local) : IReadOnlyList<KeyValuePair<string, object?>>
{
    public string ConnectionId { get; } = $"{server}:{id}";
    public string? Remote { get; } = remote;

    public int Count => 4;

    public KeyValuePair<string, object?> this[int index] => index switch
    {
        0 => new("ConnectionId", ConnectionId),
        1 => new("RemoteEndPoint", Remote),
        2 => new("LocalEndPoint", local),
        3 => new("Server", server),
        _ => throw new ArgumentOutOfRangeException(nameof(index)),
    };

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
    {
        for (int i = 0; i < Count; i++) yield return this[i];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => $"ConnectionId:{ConnectionId} RemoteEndPoint:{Remote ?? "(local)"}";
}
