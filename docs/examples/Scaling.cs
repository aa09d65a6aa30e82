using System.Text;

namespace NodeNet.Docs;

public static class Scaling
{
    public static void FourLoops()
    {
        EventLoop.Run(() =>
        {
            var server = Net.CreateServer(new ServerOptions { Loops = 4 }, socket =>
            {
                // Runs on the loop this connection lives on, as do all its events.
                socket.On<byte[]>("data", d => socket.Write(d));
            });
            server.Listen(8124, () => Console.WriteLine($"{server.LoopModeInUse} on {server.ConnectionsPerLoop.Count} loops"));
        });
    }

    public static Server Sticky(EventLoopGroup loops) =>
        Net.CreateServer(new ServerOptions
        {
            LoopGroup = loops,
            // The same client address always lands on the same loop.
            ChooseLoop = c => (int)((uint)(c.RemoteAddress ?? "").GetHashCode() % (uint)c.LoopCount),
        });

    public static void HandOver(Server server, string control)
    {
        // The old process: give the listening socket to whoever connects to CONTROL, then stop accepting.
        var handoff = Net.CreateServer(new ServerOptions { Ipc = true }, successor =>
            successor.SendHandle(server, Encoding.UTF8.GetBytes("yours"), _ => server.Close()));
        handoff.Listen(control);
    }

    public static void TakeOver(string control)
    {
        // The new process: listen on the socket it receives.
        var ipc = Net.Connect(new ConnectOptions { Path = control, Ipc = true });
        var server = Net.CreateServer(s => s.On<byte[]>("data", d => s.Write(d)));
        ipc.On<ReceivedHandle>("handle", h => server.Listen(h));
    }

    public static void Activated()
    {
        // systemd socket activation: TCP or Unix sockets from a .socket unit.
        foreach (var inherited in SocketActivation.Listeners())
            Net.CreateServer(s => s.End("hello\n")).Listen(new ListenOptions { Fd = inherited.Fd });
    }
}
