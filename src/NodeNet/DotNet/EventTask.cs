namespace NodeNet;

/// <summary>How the Task-based API turns a Node-style call and the event that answers it into a task (ConnectAsync at
/// 'connect', ListenAsync at 'listening'), tracked by <see cref="LoopTask"/> like every task of the loop.</summary>
internal static class EventTask
{
    /// <summary>Runs <paramref name="start"/> on the loop; the task completes with <paramref name="result"/>() at
    /// <paramref name="successEvent"/>, faults with the 'error' that comes first (or with <paramref name="failEvent"/>'s
    /// exception when that event comes first), and on cancellation runs <paramref name="cancel"/> on the loop.</summary>
    public static Task<T> Until<T>(EventLoop loop, EventEmitter emitter, string successEvent, Func<T> result, Action start,
        CancellationToken token, Action cancel, (string name, Func<Exception> error)? failEvent = null)
    {
        if (token.IsCancellationRequested) return Task.FromCanceled<T>(token);
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        var task = LoopTask.Track(loop, done, token, cancel);
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
        if (!posted) done.TrySetException(LoopTask.LoopEnded());
        return task;
    }
}
