// The System.Net.Sockets contender: an async receive/send loop per connection, as .NET users write it.
// `SocketsEcho <port | socket path>` prints "ready" when listening.
using System.Net;
using System.Net.Sockets;

string where = args[0];
bool tcp = int.TryParse(where, out int port);
using var listener = tcp
    ? new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp)
    : new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
if (tcp) listener.Bind(new IPEndPoint(IPAddress.Loopback, port));
else { File.Delete(where); listener.Bind(new UnixDomainSocketEndPoint(where)); }
listener.Listen(511);
Console.WriteLine("ready");
while (true)
{
    var client = await listener.AcceptAsync();
    _ = Serve(client);
}

static async Task Serve(Socket client)
{
    var buffer = new byte[64 * 1024];
    try
    {
        int n;
        while ((n = await client.ReceiveAsync(buffer, SocketFlags.None)) > 0)
            await client.SendAsync(buffer.AsMemory(0, n), SocketFlags.None);
    }
    catch (SocketException) { }
    finally { client.Dispose(); }
}
