using System.Collections.Concurrent;
using System.Diagnostics;
using Xunit;

namespace NodeNet.Tests.Loop;

public class EventLoopTests
{
    [Fact]
    public void Run_returns_when_nothing_is_referenced()
    {
        bool ran = false;
        TestLoop.Run(() => ran = true);
        Assert.True(ran);
    }

    [Fact]
    public void Referenced_timer_keeps_the_loop_alive_until_it_fires()
    {
        var order = new List<string>();
        TestLoop.Run(() =>
        {
            var loop = EventLoop.Current!;
            loop.SetTimeout(() => order.Add("timer"), 30);
            order.Add("main");
        });
        Assert.Equal(["main", "timer"], order);
    }

    [Fact]
    public void Unreferenced_timer_does_not_keep_the_loop_alive()
    {
        bool fired = false;
        var sw = Stopwatch.StartNew();
        TestLoop.Run(() => EventLoop.Current!.SetTimeout(() => fired = true, 5_000).Unref());
        Assert.False(fired);
        Assert.True(sw.ElapsedMilliseconds < 4_000);
    }

    [Fact]
    public void Unref_then_ref_keeps_alive_again()
    {
        bool fired = false;
        TestLoop.Run(() => EventLoop.Current!.SetTimeout(() => fired = true, 20).Unref().Ref());
        Assert.True(fired);
    }

    [Fact]
    public void NextTick_runs_before_immediates_and_timers()
    {
        var order = new List<string>();
        TestLoop.Run(() =>
        {
            var loop = EventLoop.Current!;
            loop.SetTimeout(() => order.Add("timeout"), 10);
            loop.SetImmediate(() => order.Add("immediate"));
            loop.NextTick(() => order.Add("tick"));
            order.Add("main");
        });
        Assert.Equal(["main", "tick", "immediate", "timeout"], order);
    }

    [Fact]
    public void Interval_repeats_until_cleared()
    {
        int count = 0;
        TestLoop.Run(() =>
        {
            TimerHandle? t = null;
            t = EventLoop.Current!.SetInterval(() => { if (++count == 3) t!.Clear(); }, 5);
        });
        Assert.Equal(3, count);
    }

    [Fact]
    public void Cleared_immediate_does_not_run_nor_keep_alive()
    {
        bool ran = false;
        TestLoop.Run(() => EventLoop.Current!.SetImmediate(() => ran = true).Clear());
        Assert.False(ran);
    }

    [Fact]
    public void Posts_from_four_threads_all_run_in_order_per_thread()
    {
        const int Threads = 4, PerThread = 250;
        var seen = new List<(int thread, int seq)>();
        int loopThread = -1;
        var wrongThread = 0;
        TestLoop.Run(() =>
        {
            var loop = EventLoop.Current!;
            loopThread = Environment.CurrentManagedThreadId;
            // A referenced timer keeps the loop alive until every post has arrived.
            var keepAlive = loop.SetInterval(() => { }, 1_000);
            int remaining = Threads * PerThread;
            for (int t = 0; t < Threads; t++)
            {
                int id = t;
                new Thread(() =>
                {
                    for (int i = 0; i < PerThread; i++)
                    {
                        int seq = i;
                        loop.Post(() =>
                        {
                            if (Environment.CurrentManagedThreadId != loopThread) Interlocked.Increment(ref wrongThread);
                            seen.Add((id, seq));
                            if (--remaining == 0) keepAlive.Clear();
                        });
                    }
                }) { IsBackground = true }.Start();
            }
        });
        Assert.Equal(0, wrongThread);
        Assert.Equal(Threads * PerThread, seen.Count);
        for (int t = 0; t < Threads; t++)
            Assert.Equal(Enumerable.Range(0, PerThread), seen.Where(s => s.thread == t).Select(s => s.seq));
    }

    [Fact]
    public void Post_to_an_ended_loop_throws()
    {
        EventLoop? loop = null;
        TestLoop.Run(() => loop = EventLoop.Current);
        var e = Assert.ThrowsAny<InvalidOperationException>(() => loop!.Post(() => { }));
        Assert.Contains("ended", e.Message);
        Assert.False(loop!.TryPost(() => { }));
    }

    [Fact]
    public void Uncaught_exception_in_a_callback_closes_handles_and_is_rethrown_by_Run()
    {
        EventLoop? loop = null;
        bool laterTimerRan = false;
        var e = Assert.Throws<ApplicationException>(() => TestLoop.Run(() =>
        {
            loop = EventLoop.Current!;
            loop.SetTimeout(() => throw new ApplicationException("boom"), 5);
            loop.SetTimeout(() => laterTimerRan = true, 2_000);
        }));
        Assert.Equal("boom", e.Message);
        Assert.False(laterTimerRan);
        Assert.Equal(new LoopDiagnostics(0, 0, 0), loop!.Diagnostics);
        Assert.True(loop.Completion.IsFaulted);
    }

    [Fact]
    public void Uncaught_exception_in_main_is_rethrown()
    {
        var e = Assert.Throws<InvalidTimeZoneException>(() => TestLoop.Run(() => throw new InvalidTimeZoneException("main")));
        Assert.Equal("main", e.Message);
    }

    [Fact]
    public void UncaughtException_handler_keeps_the_loop_running()
    {
        var caught = new List<string>();
        bool after = false;
        TestLoop.Run(() =>
        {
            var loop = EventLoop.Current!;
            loop.UncaughtException += ex => caught.Add(ex.Message);
            loop.SetTimeout(() => throw new InvalidOperationException("first"), 1);
            loop.NextTick(() => throw new InvalidOperationException("tick"));
            loop.SetTimeout(() => after = true, 20);
        });
        Assert.Equal(["tick", "first"], caught);
        Assert.True(after);
    }

    [Fact]
    public void Await_continues_on_the_loop_thread()
    {
        int loopThread = -1, continuationThread = -2;
        TestLoop.Run(async () =>
        {
            loopThread = Environment.CurrentManagedThreadId;
            var loop = EventLoop.Current!;
            var keep = loop.SetTimeout(() => { }, 5_000);
            await Task.Run(() => Thread.Yield()); // completes on a pool thread
            continuationThread = Environment.CurrentManagedThreadId;
            keep.Clear();
        });
        Assert.Equal(loopThread, continuationThread);
    }

    [Fact]
    public void Faulted_async_main_is_rethrown()
    {
        Assert.Throws<FormatException>(() => TestLoop.Run(async () =>
        {
            await Task.Yield();
            throw new FormatException("async");
        }));
    }

    [Fact]
    public void Loop_affine_calls_from_another_thread_throw()
    {
        Exception? error = null;
        TestLoop.Run(() =>
        {
            var loop = EventLoop.Current!;
            var t = new Thread(() => { try { loop.SetTimeout(() => { }, 1); } catch (Exception e) { error = e; } });
            t.Start();
            t.Join();
        });
        var ioe = Assert.IsType<InvalidOperationException>(error);
        Assert.Contains("Task-based", ioe.Message);
    }

    [Fact]
    public async Task Hosted_loop_runs_posts_and_disposes_cleanly()
    {
        var loop = EventLoop.StartHosted("test hosted");
        var done = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        loop.Post(() => loop.SetTimeout(() => done.SetResult(Environment.CurrentManagedThreadId), 5));
        int thread = await done.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.NotEqual(Environment.CurrentManagedThreadId, thread);
        await loop.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(loop.Completion.IsCompletedSuccessfully);
        Assert.Equal(new LoopDiagnostics(0, 0, 0), loop.Diagnostics);
        Assert.False(loop.TryPost(() => { }));
    }

    [Fact]
    public void Nested_Run_on_the_same_thread_is_refused()
    {
        Exception? e = null;
        TestLoop.Run(() => { try { EventLoop.Run(() => { }); } catch (Exception x) { e = x; } });
        Assert.IsType<InvalidOperationException>(e);
    }

    [Fact]
    public void Null_callbacks_are_rejected_clearly()
    {
        Assert.ThrowsAny<ArgumentNullException>(() => EventLoop.Run((Action)null!));
        TestLoop.Run(() =>
        {
            var loop = EventLoop.Current!;
            Assert.ThrowsAny<ArgumentNullException>(() => loop.SetTimeout(null!, 1));
            Assert.ThrowsAny<ArgumentNullException>(() => loop.NextTick(null!));
            Assert.ThrowsAny<ArgumentNullException>(() => loop.Post(null!));
        });
    }
}
