using System.Text;
using NodeNet;

// Zero-downtime restart: a running server hands its listening socket to its successor over a Unix socket, stops
// accepting, lets its connections finish and exits, while the successor goes on accepting on the very same socket,
// so no client ever sees a refused connection.
//
//   dotnet Handoff.dll serve PORT CONTROL   # the first process: an echo server on PORT (0: any), handing over on CONTROL
//   dotnet Handoff.dll take CONTROL         # its successor: takes the socket over and serves it, then hands over the same way
//
// Each process prints "serving PORT PID" once it accepts, and the old one "drained, exiting" as it leaves.
return args switch
{
    ["serve", var port, var control] => Serve(int.Parse(port), control),
    ["take", var control] => Take(control),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: Handoff serve PORT CONTROL | Handoff take CONTROL");
    return 2;
}

static Server EchoServer() => Net.CreateServer(s =>
{
    s.On<Exception>("error", _ => { }); // a client that resets is its own business
    s.On<byte[]>("data", d => { if (!s.Write(d)) { s.Pause(); s.Once("drain", () => s.Resume()); } });
});

static int Serve(int port, string control)
{
    EventLoop.Run(() =>
    {
        var server = EchoServer();
        server.Listen(port, "127.0.0.1", () =>
        {
            Console.WriteLine($"serving {server.Address()!.Port} {Environment.ProcessId}");
            AwaitSuccessor(server, control);
        });
    });
    return 0;
}

static int Take(string control)
{
    EventLoop.Run(() =>
    {
        var ipc = Net.Connect(new ConnectOptions { Path = control, Ipc = true });
        var server = EchoServer();
        ipc.On<ReceivedHandle>("handle", h => server.Listen(h, () =>
        {
            Console.WriteLine($"serving {server.Address()!.Port} {Environment.ProcessId}");
            ipc.Send(Encoding.UTF8.GetBytes("taken"));
        }));
        // The predecessor ends the channel once it has let go of CONTROL: from then on this process hands over there.
        ipc.On("end", () => { ipc.End(); AwaitSuccessor(server, control); });
        ipc.On<Exception>("error", e => { Console.Error.WriteLine($"handoff failed: {e.Message}"); server.Close(); });
    });
    return 0;
}

// Listens on CONTROL for the next process; when it comes, hands it the listening socket, and once it says it accepts,
// stops accepting here, lets go of CONTROL and drains.
static void AwaitSuccessor(Server server, string control)
{
    Server? handoff = null;
    handoff = Net.CreateServer(new ServerOptions { Ipc = true }, successor =>
    {
        successor.On<Exception>("error", _ => { });
        successor.On<byte[], ReceivedHandle?>("message", (m, _) =>
        {
            if (Encoding.UTF8.GetString(m) != "taken") return;
            server.Close(_ => Console.WriteLine("drained, exiting"));
            handoff!.Close(); // stops accepting successors and removes CONTROL at once
            successor.End();
        });
        successor.SendHandle(server, Encoding.UTF8.GetBytes("the listening socket"));
    });
    // The predecessor's CONTROL file is gone once it ended the channel; ReclaimStale covers one that crashed.
    handoff.Listen(new ListenOptions { Path = control, ReclaimStale = true });
    handoff.Unref(); // waiting for a successor alone does not keep this process
}
