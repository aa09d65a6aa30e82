using System.Text;

namespace NodeNet.Tests.Conformance;

// Twins of the BoundSocket scenarios (Node 24.19 / 26.4, pipes 26.7).
public static partial class Scenarios
{
    public static void BoundSocket(Trace t)
    {
        var bound = new NodeNet.BoundSocket(new BoundSocketOptions { Host = "127.0.0.1" });
        int p = t.Port(bound.Address().Port);
        t.T("bound", Trace.Addr(bound.Address()), bound.IsPipe, bound.Fd() >= 0);
        t.TryDo("name", () => new NodeNet.BoundSocket(new BoundSocketOptions { Host = "localhost" }));
        t.TryDo("port", () => new NodeNet.BoundSocket(new BoundSocketOptions { Port = 70000 }));
        t.TryDo("path and host", () => new NodeNet.BoundSocket(new BoundSocketOptions { Path = "x.sock", Host = "127.0.0.1" }));
        t.TryDo("not here", () => new NodeNet.BoundSocket(new BoundSocketOptions { Host = "192.0.2.1" }));
        var v6 = new NodeNet.BoundSocket(new BoundSocketOptions { Ipv6Only = true });
        t.Port(v6.Address().Port);
        t.T("ipv6Only", Trace.Addr(v6.Address()));
        v6.Close();
        t.TryDo("closed address", () => v6.Address());
        t.TryDo("closed fd", () => v6.Fd());
        t.TryDo("close again", () => v6.Close());
        var a = new NodeNet.BoundSocket(new BoundSocketOptions { Host = "127.0.0.1", ReusePort = true });
        var b = new NodeNet.BoundSocket(new BoundSocketOptions { Host = "127.0.0.1", Port = t.Port(a.Address().Port), ReusePort = true });
        t.T("reusePort", a.Address().Port == b.Address().Port);
        a.Close(); b.Close();
        var server = Net.CreateServer(c => c.On<byte[]>("data", d => c.End("echo " + Encoding.UTF8.GetString(d))));
        server.Listen(bound, () =>
        {
            t.T("listening", Trace.Addr(server.Address()), server.Address()!.Port == p);
            t.TryDo("adopted address", () => bound.Address());
            bound.Dispose();
            var from = new NodeNet.BoundSocket(new BoundSocketOptions { Host = "127.0.0.1" });
            int local = t.Port(from.Address().Port);
            var c = new Socket(new SocketOptions { Handle = from });
            t.TryDo("adopted twice", () => new Socket(new SocketOptions { Handle = from }));
            t.TryDo("localPort", () => c.Connect(new ConnectOptions { Port = p, Host = "127.0.0.1", LocalPort = 5 }));
            c.Connect(p, "127.0.0.1");
            t.T("sync", c.LocalAddress, c.LocalPort == local, c.Connecting, c.ReadyState);
            c.On("connect", () => { t.T("connect", c.LocalPort == local, c.RemotePort); c.Write("hi"); });
            c.On<byte[]>("data", d => t.T("data", Encoding.UTF8.GetString(d)));
            c.On<bool>("close", h => { t.T("close", h); server.Close(_ => t.T("server closed")); });
        });
    }

    public static void BoundSocketPipe(Trace t)
    {
        string path = t.Tmp + "/bound.sock";
        var bound = new NodeNet.BoundSocket(new BoundSocketOptions { Path = path });
        t.T("bound", bound.Address().Address == path, bound.IsPipe, File.Exists(path));
        t.TryDo("taken", () => new NodeNet.BoundSocket(new BoundSocketOptions { Path = path }));
        var other = Net.CreateServer();
        other.On<Exception>("error", e =>
        {
            t.T("server on the path", ((INodeError)e).Code);
            bound.Close();
            t.T("after close", File.Exists(path));
            t.TryDo("close again", () => bound.Close());
            var again = new NodeNet.BoundSocket(new BoundSocketOptions { Path = path });
            var server = Net.CreateServer(c => c.End("hello from the bound pipe"));
            server.Listen(again, () =>
            {
                t.T("listening", server.Address()!.Address == path);
                var client = Net.Connect(path);
                client.On<byte[]>("data", d => t.T("data", Encoding.UTF8.GetString(d)));
                client.On("close", () => server.Close(_ => t.T("server closed", File.Exists(path))));
            });
        });
        other.Listen(path);
    }
}

// The twin of socket-transfer.js: where node moves a handle to a worker thread, NodeNet moves it to another EventLoop.
public static partial class Scenarios
{
    public static void SocketTransfer(Trace t)
    {
        var main = EventLoop.Current!;
        var other = EventLoop.StartHosted("the worker's loop");
        // Posts do not keep a Node-style loop alive, and a move completes through one: this timer does until then.
        TimerHandle? waiting = null;
        void Then<T>(Task<T> moved, Action<T> onMain)
        {
            waiting ??= main.SetTimeout(() => { }, 30_000);
            moved.ContinueWith(done => main.Post(() =>
            {
                waiting?.Clear();
                waiting = null;
                if (done.IsFaulted) t.T("move failed", Trace.Err(done.Exception!.InnerException));
                else onMain(done.Result);
            }));
        }
        bool Move(string label, Func<Task> move)
        {
            try { move(); t.T(label, "moved"); return true; }
            catch (Exception e) { t.T(label, Trace.Err(e)); return false; }
        }

        Server? server = null;
        server = Net.CreateServer(s =>
        {
            Task<Socket>? moving = null;
            if (!Move("socket", () => moving = s.TransferAsync(other))) { s.Destroy(); return; }
            Then(moving!, moved => other.Post(() => moved.On<byte[]>("data", d => moved.End("moved " + Encoding.UTF8.GetString(d)))));
        });
        server.Listen(0, "127.0.0.1", () =>
        {
            Socket? c = null;
            c = Net.Connect(server.Address()!.Port, "127.0.0.1", () => c!.Write("ping"));
            c.On<byte[]>("data", d => t.T("client data", Encoding.UTF8.GetString(d)));
            c.On("close", () =>
            {
                server.Close();
                Server? reading = null;
                reading = Net.CreateServer(s =>
                {
                    s.SetEncoding("utf8");
                    t.T("with an encoding", Move("socket", () => s.TransferAsync(other)));
                    s.Destroy();
                    reading!.Close();
                    var bound = new NodeNet.BoundSocket(new BoundSocketOptions { Path = t.Tmp + "/b.sock" });
                    Move("pipe", () => bound.TransferAsync(other));
                    bound.Close();
                    var idle = new Server();
                    Move("not listening", () => idle.TransferAsync(other));
                    var movable = Net.CreateServer();
                    movable.Listen(0, "127.0.0.1", () =>
                    {
                        int p = movable.Address()!.Port;
                        Task<Server>? moving = null;
                        Move("server", () => moving = movable.TransferAsync(other));
                        if (moving == null) return;
                        var keep = main.SetTimeout(() => { }, 30_000); // until the client below exists
                        moving.ContinueWith(done => other.InvokeAsync(() => done.Result.On<Socket>("connection", conn => conn.End("from the moved server")))
                            .ContinueWith(_ => main.Post(() =>
                            {
                                keep.Clear();
                                var c2 = Net.Connect(p, "127.0.0.1");
                                c2.On<byte[]>("data", d => t.T("client of the moved server", Encoding.UTF8.GetString(d)));
                                c2.On("close", () =>
                                {
                                    t.T("client closed");
                                    var moved = done.Result;
                                    other.InvokeAsync(() => moved.Close()).ContinueWith(_ => other.Dispose());
                                    t.T("worker ended");
                                });
                            })));
                    });
                });
                reading.Listen(0, "127.0.0.1", () => Net.Connect(reading.Address()!.Port, "127.0.0.1").On<Exception>("error", _ => { }));
            });
        });
    }
}
