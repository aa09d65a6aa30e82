// Compiled by tests/NodeNet.Tests (see DocsTests). Deliberately outside the NodeNet namespace: inside it, `Socket` is
// NodeNet.Socket whatever the usings say, so only out here must the alias resolve the clash, as in a user's file.
using System.Net;
using System.Net.Sockets;                        // SocketType, NetworkStream, SocketException...
using NodeNet;
using Socket = NodeNet.Socket;                   // ...but Socket alone means NodeNet's
using SystemSocket = System.Net.Sockets.Socket;  // and System.Net's gets a name of its own

namespace DocsExamples;

public static class SocketNameClash
{
    public static async Task ServeAsync(CancellationToken stop)
    {
        await using var server = Net.CreateServer();
        await server.ListenAsync(8124, cancellationToken: stop);
        await foreach (Socket client in server.WithCancellation(stop))
            _ = Task.Run(() => RelayAsync(client, stop));
    }

    // Each client is relayed to a backend reached with System.Net.Sockets.
    static async Task RelayAsync(Socket client, CancellationToken stop)
    {
        using var backend = new SystemSocket(SocketType.Stream, ProtocolType.Tcp);
        await backend.ConnectAsync(IPEndPoint.Parse("127.0.0.1:9000"), stop);
        await using var stream = client.AsStream();
        using var upstream = new NetworkStream(backend);
        await Task.WhenAll(stream.CopyToAsync(upstream, stop), upstream.CopyToAsync(stream, stop));
    }
}
