namespace NodeNet;

/// <summary>
/// How the Task-based API turns loop work and events into tasks, shared by Server and Socket. Every task handed out
/// is tracked: it completes when its work does, when its token is cancelled, or when the loop ends first (then with
/// <see cref="LoopEnded"/>, or whatever <c>onEnded</c> chooses) — never left hanging.
/// </summary>
internal static class LoopTask
{
    /// <summary>Runs <paramref name="start"/> on the loop; the task completes with <paramref name="result"/>() at
    /// <paramref name="successEvent"/>, faults with the 'error' that comes first (or with <paramref name="failEvent"/>'s
    /// exception when that event comes first), and on cancellation runs <paramref name="cancel"/> on the loop.</summary>
    public static Task<T> Until<T>(EventLoop loop, EventEmitter emitter, string successEvent, Func<T> result, Action start,
        CancellationToken token, Action cancel, (string name, Func<Exception> error)? failEvent = null)
    {
        if (token.IsCancellationRequested) return Task.FromCanceled<T>(token);
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        var task = Track(loop, done, token, cancel);
        bool posted = loop.RunOrPost(() =>
        {
            if (done.Task.IsCompleted) return; // cancelled while the post waited
            Action<Exception>? onError = null;
            Action? onFail = null;
            Action? onSuccess = null;
            onSuccess = () => { Unsubscribe(); done.TrySetResult(result()); };
            onError = e => { Unsubscribe(); done.TrySetException(e); };
            if (failEvent is { } f) onFail = () =>
            {
                Unsubscribe();
                if (f.error() is OperationCanceledException oce) done.TrySetCanceled(oce.CancellationToken);
                else done.TrySetException(f.error());
            };
            void Unsubscribe()
            {
                emitter.Off(successEvent, onSuccess!);
                emitter.Off("error", onError!);
                if (onFail != null) emitter.Off(failEvent!.Value.name, onFail);
            }
            emitter.Once(successEvent, onSuccess);
            emitter.Once("error", onError);
            if (onFail != null) emitter.Once(failEvent!.Value.name, onFail);
            try { start(); }
            catch (Exception e) { Unsubscribe(); done.TrySetException(e); }
        });
        if (!posted) done.TrySetException(LoopEnded());
        return task;
    }

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
