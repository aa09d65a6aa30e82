using System.Net;

namespace NodeNet.Docs;

// The README's "Three styles on the same objects" table, cell by cell.
public static class ThreeStyles
{
    public static void NodeStyleServer()
    {
        EventLoop.Run(() =>
        {
            var server = Net.CreateServer(socket =>
                socket.On<byte[]>("data", d => socket.Write(d)));
            server.Listen(8124, () =>
                Console.WriteLine(server.Address()));
        });
    }

    public static async Task AsyncStyleServer()
    {
        await using var server = Net.CreateServer();
        var address = await server.ListenAsync(8124);
        await foreach (var socket in server)
            _ = Task.Run(async () =>
            {
                await using var stream = socket.AsStream();
                await stream.CopyToAsync(stream); // echo
            });
    }

    public static void TypedEventsServer()
    {
        EventLoop.Run(() =>
        {
            var server = Net.CreateServer();
            server.Connection += socket =>
            {
                socket.Data += chunk => socket.Write(chunk);
                socket.Closed += info =>
                    Console.WriteLine(info.Reason); // PeerEnded, PeerReset, TimedOut…
            };
            server.Listen(new IPEndPoint(IPAddress.Loopback, 8124));
        });
    }

    public static void NodeStyleClient()
    {
        var c = Net.Connect(8124, "127.0.0.1");
        c.On("connect", () => c.End("hello"));
        c.SetEncoding("utf8");
        c.On<string>("data", Console.Write);
    }

    public static async Task<int> AsyncStyleClient()
    {
        await using var c = await Net.ConnectAsync(8124, "127.0.0.1");
        await c.WriteAsync("hello"u8.ToArray());
        await c.EndAsync();
        var buffer = new byte[100];
        int n = await c.ReadAsync(buffer);
        return n;
    }
}
