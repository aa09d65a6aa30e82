using System.Diagnostics;
using Xunit;

namespace NodeNet.Tests.Reliability;

/// <summary>Timers armed after a slow callback count from the time they were armed, not from the loop's stale cached time.</summary>
public class TimerTests
{
    private static void Busy(int ms)
    {
        var sw = Stopwatch.StartNew();
        while (sw.ElapsedMilliseconds < ms) { } // a callback that does work, not one that sleeps
    }

    [Fact]
    public void SetTimeout_armed_after_a_busy_callback_fires_no_earlier_than_asked()
    {
        long elapsed = 0;
        TestLoop.Run(() =>
        {
            var loop = EventLoop.Current!;
            loop.SetImmediate(() =>
            {
                Busy(150);
                var armed = Stopwatch.StartNew();
                loop.SetTimeout(() => elapsed = armed.ElapsedMilliseconds, 250);
            });
        });
        Assert.InRange(elapsed, 249, 1_000);
    }

    [Fact]
    public void A_socket_timeout_rearmed_after_a_busy_callback_is_measured_from_then()
    {
        long elapsed = 0;
        TestLoop.Run(() =>
        {
            var loop = EventLoop.Current!;
            Server? server = null;
            server = Net.CreateServer(s => s.On<byte[]>("data", _ => { }));
            server.Listen(0, "127.0.0.1", () =>
            {
                var c = Net.Connect(server.Address()!.Port, "127.0.0.1");
                c.On("connect", () =>
                {
                    loop.SetImmediate(() =>
                    {
                        Busy(100);
                        var armed = Stopwatch.StartNew();
                        c.SetTimeout(200);
                        c.On("timeout", () => { elapsed = armed.ElapsedMilliseconds; c.Destroy(); server.Close(); });
                    });
                });
                c.On("close", () => server.Close());
            });
        });
        Assert.InRange(elapsed, 199, 1_000);
    }

    [Fact]
    public void Refresh_after_a_busy_callback_restarts_from_now()
    {
        long elapsed = 0;
        TestLoop.Run(() =>
        {
            var loop = EventLoop.Current!;
            var sw = new Stopwatch();
            var timer = loop.SetTimeout(() => elapsed = sw.ElapsedMilliseconds, 200);
            loop.SetImmediate(() =>
            {
                Busy(120);
                sw.Start();
                timer.Refresh();
            });
        });
        Assert.InRange(elapsed, 199, 1_000);
    }
}
