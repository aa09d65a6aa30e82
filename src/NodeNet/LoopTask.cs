namespace NodeNet;

/// <summary>How the Task-based API turns loop work and events into tasks, shared by Server and Socket.</summary>
internal static class LoopTask
{
    /// <summary>Runs <paramref name="start"/> on the loop; the task completes with <paramref name="result"/>() at
    /// <paramref name="successEvent"/>, faults with the 'error' that comes first, and on cancellation runs
    /// <paramref name="cancel"/> on the loop.</summary>
    public static Task<T> Until<T>(EventLoop loop, EventEmitter emitter, string successEvent, Func<T> result, Action start,
        CancellationToken token, Action cancel)
    {
        if (token.IsCancellationRequested) return Task.FromCanceled<T>(token);
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        bool posted = loop.RunOrPost(() =>
        {
            Action<Exception>? onError = null;
            Action onSuccess = () => { emitter.Off("error", onError!); done.TrySetResult(result()); };
            onError = e => { emitter.Off(successEvent, onSuccess); done.TrySetException(e); };
            emitter.Once(successEvent, onSuccess);
            emitter.Once("error", onError);
            try { start(); }
            catch (Exception e) { emitter.Off(successEvent, onSuccess); emitter.Off("error", onError); done.TrySetException(e); }
        });
        if (!posted) done.TrySetException(LoopEnded());
        return Cancellable(loop, done, token, cancel);
    }

    /// <summary>Completes <paramref name="done"/> as cancelled when the token fires first, then runs <paramref name="cancel"/> on the loop.</summary>
    public static Task<T> Cancellable<T>(EventLoop loop, TaskCompletionSource<T> done, CancellationToken token, Action cancel)
    {
        if (!token.CanBeCanceled || done.Task.IsCompleted) return done.Task;
        var registration = token.Register(() =>
        {
            if (done.TrySetCanceled(token)) loop.TryPost(cancel);
        });
        done.Task.ContinueWith(static (_, r) => ((CancellationTokenRegistration)r!).Dispose(), registration, TaskScheduler.Default);
        return done.Task;
    }

    public static Exception LoopEnded() => new InvalidOperationException("The event loop has ended.");
}
