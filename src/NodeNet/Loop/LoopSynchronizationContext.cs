namespace NodeNet;

/// <summary>
/// Makes <c>await</c> continue on the loop thread. On the loop thread a continuation runs after the
/// current callback (like a resolved promise); from another thread it is posted to the loop.
/// </summary>
internal sealed class LoopSynchronizationContext(EventLoop loop) : SynchronizationContext
{
    public override void Post(SendOrPostCallback d, object? state)
    {
        if (loop.IsLoopThread && loop.UserCallbacksAllowed) loop.EnqueueMicrotask(() => d(state));
        else if (!loop.TryPost(() => d(state))) ThreadPool.QueueUserWorkItem(s => d(s), state); // loop ended: don't lose it
    }

    public override void Send(SendOrPostCallback d, object? state)
    {
        if (loop.IsLoopThread) { d(state); return; }
        using var done = new ManualResetEventSlim();
        Exception? error = null;
        loop.Post(() =>
        {
            try { d(state); }
            catch (Exception e) { error = e; }
            finally { done.Set(); }
        });
        done.Wait();
        if (error != null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(error);
    }

    public override SynchronizationContext CreateCopy() => this;
}
