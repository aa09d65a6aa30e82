namespace NodeNet.TestHost;

/// <summary>
/// The other process of the handle-passing tests. "ipc-receive PATH": connects to PATH as an IPC socket, listens on the
/// first server handle it receives and echoes there (printing "listening PORT"), and echoes on every connection
/// handle it receives after resuming it (printing "adopted BYTESREAD"). "ipc-exit PATH": connects and exits at once,
/// without reading anything (a peer that dies before accepting what is sent).
/// </summary>
internal static class HandleReceiver
{
    public static int Receive(string[] args)
    {
        EventLoop.Run(() =>
        {
            var ipc = Net.Connect(new ConnectOptions { Path = args[0], Ipc = true });
            Server? server = null;
            ipc.On<ReceivedHandle>("handle", h =>
            {
                if (h.Kind == HandleKind.Server && server == null)
                {
                    server = Net.CreateServer(s => { s.On<Exception>("error", _ => { }); s.On<byte[]>("data", d => s.Write(d)); });
                    server.Listen(h, () => Console.WriteLine($"listening {server.Address()!.Port} {System.Text.Encoding.UTF8.GetString(h.Message)}"));
                }
                else if (h.Kind == HandleKind.Socket)
                {
                    var s = Socket.Adopt(h);
                    Console.WriteLine($"adopted {s.BytesRead} {System.Text.Encoding.UTF8.GetString(h.Message)}");
                    s.On<Exception>("error", _ => { });
                    s.On<byte[]>("data", d => s.Write(d));
                    s.Resume();
                }
            });
            ipc.On("end", () => { server?.Close(); ipc.End(); });
            ipc.On<Exception>("error", e => Console.WriteLine($"ipc error {(e as INodeError)?.Code}"));
        });
        return 0;
    }

    public static int ExitAtOnce(string[] args)
    {
        using var c = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.Unix, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Unspecified);
        c.Connect(new System.Net.Sockets.UnixDomainSocketEndPoint(args[0]));
        Console.WriteLine("connected");
        return 0;
    }
}
