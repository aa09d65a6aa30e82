namespace NodeNet;

/// <summary>
/// Every task a loop's objects hand out is tracked here: it completes when its work does, when its token is cancelled,
/// or when the loop ends first (then with <see cref="LoopEnded"/>, or whatever <c>onEnded</c> chooses) — never left
/// hanging. (EventTask builds the tasks that wait for an emitter's event on top of it.)
/// </summary>
internal static class LoopTask
{
    /// <summary>Tracks <paramref name="done"/>: the token cancels it (then <paramref name="cancel"/> runs on the loop), and
    /// the loop's end completes it with <paramref name="onEnded"/> (default: fault with <see cref="LoopEnded"/>).</summary>
    public static Task<T> Track<T>(EventLoop loop, TaskCompletionSource<T> done, CancellationToken token = default,
        Action? cancel = null, Action<TaskCompletionSource<T>>? onEnded = null)
    {
        if (done.Task.IsCompleted) return done.Task;
        var registrations = new Registrations();
        registrations.Ended = onEnded == null
            ? loop.EndedToken.UnsafeRegister(static s => ((TaskCompletionSource<T>)s!).TrySetException(LoopEnded()), done)
            : loop.EndedToken.UnsafeRegister(_ => onEnded(done), null);
        if (token.CanBeCanceled)
            registrations.Cancelled = token.UnsafeRegister(_ =>
            {
                if (done.TrySetCanceled(token) && cancel != null) loop.TryPost(cancel);
            }, null);
        done.Task.ContinueWith(static (_, r) => ((Registrations)r!).Dispose(), registrations,
            CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return done.Task;
    }

    private sealed class Registrations
    {
        public CancellationTokenRegistration Ended;
        public CancellationTokenRegistration Cancelled;
        public void Dispose() { Ended.Dispose(); Cancelled.Dispose(); }
    }

    /// <summary>What a task of an ended loop reports: the loop, and with it every handle, is gone.</summary>
    public static ObjectDisposedException LoopEnded() =>
        new(nameof(EventLoop), "The event loop has ended; its servers and sockets are closed.");
}
