using Xunit;

namespace NodeNet.Tests.NetParity;

public class ServerLifetimeTests
{
    [Fact]
    public void DisposeAsync_completes_at_close_and_at_once_when_not_listening()
    {
        var order = new List<string>();
        TestLoop.Run(async () =>
        {
            var idle = Net.CreateServer();
            var t0 = idle.DisposeAsync();
            order.Add("idle completed " + t0.IsCompleted);
            var server = Net.CreateServer();
            server.On("close", () => order.Add("close event"));
            var listening = new TaskCompletionSource();
            server.Listen(0, "127.0.0.1", () => listening.SetResult());
            await listening.Task;
            await server.DisposeAsync();
            order.Add("disposed, listening " + server.Listening);
        });
        Assert.Equal(["idle completed True", "close event", "disposed, listening False"], order);
    }

    [Fact]
    public void Handles_and_requests_return_to_zero_after_a_full_exchange()
    {
        EventLoop? loop = null;
        LoopDiagnostics during = default, after = default;
        TestLoop.Run(() =>
        {
            loop = EventLoop.Current!;
            var server = Net.CreateServer(s => s.On<byte[]>("data", d => s.End(d)));
            server.Listen(0, "127.0.0.1", () =>
            {
                var c = Net.Connect(server.Address()!.Port, "127.0.0.1", () => { });
                c.SetTimeout(5_000);
                c.Write("ping");
                c.Resume();
                c.On("data", () => during = loop.Diagnostics);
                c.On("close", () =>
                {
                    server.Close(_ => loop.Post(() => after = loop.Diagnostics)); // runs after the close phase, on no handle of ours
                });
            });
        });
        Assert.True(during.Handles >= 3, $"server, two sockets and a timer should be open: {during}");
        Assert.Equal(new LoopDiagnostics(0, 0, 0), after);
        Assert.Equal(new LoopDiagnostics(0, 0, 0), loop!.Diagnostics);
    }

    [Fact]
    public void Double_close_and_double_destroy_are_harmless()
    {
        int closes = 0;
        TestLoop.Run(() =>
        {
            var server = Net.CreateServer(s => { s.Destroy(); s.Destroy(); s.End(); s.Destroy(new Exception("late")); });
            server.Listen(0, "127.0.0.1", () =>
            {
                var c = Net.Connect(server.Address()!.Port, "127.0.0.1");
                c.Resume();
                c.On("close", () => { server.Close(); server.Close(); });
            });
            server.On("close", () => closes++);
        });
        Assert.Equal(2, closes);
    }

    [Fact]
    public void Node_style_calls_from_another_thread_are_refused_not_crashing()
    {
        Exception? fromOtherThread = null;
        TestLoop.Run(() =>
        {
            var server = Net.CreateServer();
            var t = new Thread(() =>
            {
                try { server.Listen(0); }
                catch (Exception e) { fromOtherThread = e; }
            });
            t.Start();
            t.Join();
        });
        Assert.IsType<InvalidOperationException>(fromOtherThread);
    }
}
