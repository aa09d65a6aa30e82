using NodeNet.MultiLoop;
using NodeNet.Native;
using NodeNet.Uv;

namespace NodeNet;

/// <summary>
/// Moving a TCP handle to another event loop, as Node 26.6 moves one to a worker thread. The kernel socket, its
/// connection or accept queue and its bound address are untouched; the target loop gets a handle of its own. Unix: the
/// descriptor is duplicated, the source handle closed at once, and the copy opened on the target's thread. Windows: the
/// handle travels over a loop link (<see cref="HandleCourier"/>).
/// </summary>
internal static class HandleTransfer
{
    /// <summary>TransferAsync's thread rule: on <paramref name="loop"/>'s thread a handle that cannot move throws at once,
    /// as Node's postMessage does; from elsewhere the move runs there and the task carries that error.</summary>
    public static Task<T> FromAnyThread<T>(EventLoop loop, EventLoop target, Func<EventLoop, Task<T>> move)
    {
        NodeErrors.ThrowIfNull(target);
        return loop.IsLoopThread ? move(target) : loop.InvokeAsync(() => move(target)).Unwrap();
    }

    /// <summary>Source loop thread: <paramref name="handle"/>, already detached from its owner, is this method's to close.
    /// The task completes on the thread pool with what <paramref name="open"/> made of the target's handle on the
    /// target's thread.</summary>
    public static Task<T> Move<T>(EventLoop source, UvStream handle, EventLoop target, Func<UvStream, T> open)
    {
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        void Arrived(UvStream moved)
        {
            try { if (!done.TrySetResult(open(moved))) moved.Close(); }
            catch (Exception e) { moved.Close(); done.TrySetException(e); }
        }
        // A target loop that ends before the handle arrives faults the move rather than leaving it pending.
        var ended = target.EndedToken.Register(() =>
            done.TrySetException(new ObjectDisposedException(nameof(EventLoop), "The target loop ended before the move completed.")));
        done.Task.ContinueWith(_ => ended.Dispose(), TaskScheduler.Default);
        if (OperatingSystem.IsWindows())
        {
            HandleCourier.Carry(source, handle, target, Arrived, e => done.TrySetException(e));
            return done.Task;
        }
        int fd = Libc.Dup((int)handle.FileNo());
        handle.Close();
        if (fd < 0) { done.SetException(NodeNetException.FromUv(fd, "dup")); return done.Task; }
        int claimed = 0; // the descriptor is opened on the target, or closed because the target ended first: once
        var unclaimed = target.EndedToken.Register(() => { if (Interlocked.Exchange(ref claimed, 1) == 0) Libc.close(fd); });
        done.Task.ContinueWith(_ => unclaimed.Dispose(), TaskScheduler.Default);
        bool posted = target.TryPost(() =>
        {
            if (Interlocked.Exchange(ref claimed, 1) != 0) return;
            var tcp = new UvTcp(target.Uv);
            int rc = tcp.Open(fd);
            if (rc != 0)
            {
                tcp.Close();
                Libc.close(fd);
                done.TrySetException(NodeNetException.FromUv(rc, "open"));
                return;
            }
            Arrived(tcp);
        });
        if (!posted && Interlocked.Exchange(ref claimed, 1) == 0)
        {
            Libc.close(fd);
            done.TrySetException(new ObjectDisposedException(nameof(EventLoop), "The target loop has ended."));
        }
        return done.Task;
    }
}
