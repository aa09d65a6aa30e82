// Compiled by tests/NodeNet.Tests (see DocsTests): every ```csharp block in docs/*.md must appear in this folder.
#pragma warning disable CS8321 // local functions kept as documentation examples
namespace NodeNet.Docs;

public static class ComingFromNode
{
    public static void EchoServer()
    {
        EventLoop.Run(() =>
        {
            var server = Net.CreateServer(socket =>
            {
                socket.On<byte[]>("data", data => socket.Write(data));
                socket.On("end", () => Console.WriteLine("client left"));
            });
            server.On<Exception>("error", error => Console.Error.WriteLine(error.Message));
            server.Listen(8124, () => Console.WriteLine($"listening on {server.Address()}"));
        });
    }

    public static void Client()
    {
        EventLoop.Run(() =>
        {
            var client = Net.Connect(8124, "127.0.0.1", () => Console.WriteLine("connected"));
            client.SetEncoding("utf8");
            client.On<string>("data", text => Console.Write(text));
            client.On<bool>("close", hadError => Console.WriteLine($"closed, error: {hadError}"));
            client.End("hello\n");
        });
    }

    public static void ErrorObjects()
    {
        EventLoop.Run(() =>
        {
            var server = Net.CreateServer();
            server.On<Exception>("error", e =>
            {
                var error = (NodeNetException)e;
                // error.Code == "EADDRINUSE", error.Syscall == "listen", error.Address, error.Port, error.Errno
                Console.Error.WriteLine($"{error.Code} {error.Syscall} {error.Address}:{error.Port}");
            });
            server.Listen(8124, "127.0.0.1");
        });
    }

    public static void UnixSocket()
    {
        EventLoop.Run(() =>
        {
            var server = Net.CreateServer(socket => socket.End($"you are pid {socket.PeerCredentials?.Pid}\n"));
            server.Listen(new ListenOptions { Path = "/tmp/app.sock", Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.GroupWrite, ReclaimStale = true });
        });
    }
}

public static class ReadmeExample
{
    public static void Echo()
    {
        EventLoop.Run(() =>
        {
            var server = Net.CreateServer(socket =>
            {
                socket.On<byte[]>("data", data => socket.Write(data));   // echo
                socket.On("end", () => Console.WriteLine("client left"));
            });
            server.Listen(8124, () => Console.WriteLine($"listening on {server.Address()}"));
        });
    }
}
