namespace NodeNet;

// Node's events.once(emitter, name) as a Task.
public partial class EventEmitter
{
    /// <summary>Node's <c>events.once(emitter, eventName)</c>: completes with the arguments of the next
    /// <paramref name="eventName"/>, faults with the error if 'error' comes first (unless that is the event awaited), and is
    /// cancelled by <paramref name="cancellationToken"/> (the listeners are removed then). Callable from any thread; on a
    /// Server or Socket it also ends with <see cref="ObjectDisposedException"/> when the loop ends first.</summary>
    public Task<object?[]> OnceAsync(string eventName, CancellationToken cancellationToken = default)
    {
        NodeErrors.ThrowIfNull(eventName);
        if (cancellationToken.IsCancellationRequested) return Task.FromCanceled<object?[]>(cancellationToken);
        var done = new TaskCompletionSource<object?[]>(TaskCreationOptions.RunContinuationsAsynchronously);
        Action<object?[]>? onEvent = null, onError = null;
        CancellationTokenRegistration cancelled = default, ended = default;
        void Unsubscribe()
        {
            if (onEvent != null) Off(eventName, onEvent);
            if (onError != null) Off("error", onError);
        }
        onEvent = args => { Unsubscribe(); done.TrySetResult(args); };
        if (eventName != "error") onError = args => { Unsubscribe(); done.TrySetException(args.Length > 0 && args[0] is Exception e ? e : new InvalidOperationException("'error' was emitted")); };
        bool started = RunOnOwner(() =>
        {
            if (done.Task.IsCompleted) return; // cancelled before we got here
            On(eventName, onEvent);
            if (onError != null) On("error", onError);
        });
        if (!started) { done.TrySetException(LoopTask.LoopEnded()); return done.Task; }
        if (cancellationToken.CanBeCanceled)
            cancelled = cancellationToken.UnsafeRegister(_ => { if (done.TrySetCanceled(cancellationToken)) RunOnOwner(Unsubscribe); }, null);
        if (OwnerEnded.CanBeCanceled)
            ended = OwnerEnded.UnsafeRegister(_ => done.TrySetException(LoopTask.LoopEnded()), null);
        done.Task.ContinueWith(_ => { cancelled.Dispose(); ended.Dispose(); }, CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return done.Task;
    }

    /// <summary><see cref="OnceAsync(string, CancellationToken)"/>, giving the event's first argument as
    /// <typeparamref name="T"/> (checked against a built-in event's argument types at the call).</summary>
    public async Task<T?> OnceAsync<T>(string eventName, CancellationToken cancellationToken = default)
    {
        NodeErrors.ThrowIfNull(eventName);
        if (SignatureOf(eventName)?.Mismatch([typeof(T)]) is { } mismatch)
            throw new NodeNetArgumentException("ERR_INVALID_ARG_TYPE",
                $"OnceAsync<{typeof(T).Name}> can never complete: {mismatch}", nameof(T));
        object?[] args = await OnceAsync(eventName, cancellationToken).ConfigureAwait(false);
        return args.Length > 0 && args[0] is T t ? t : default;
    }

    /// <summary>The loop a Server or Socket belongs to; null for a plain emitter, which any thread may touch.</summary>
    private protected virtual EventLoop? OwnerLoop => null;

    /// <summary>Runs <paramref name="action"/> where this emitter may be touched: at once for a plain emitter, on the loop
    /// thread (posted if need be) for a Server or Socket. False if that loop has ended.</summary>
    private bool RunOnOwner(Action action)
    {
        if (OwnerLoop is { } loop) return loop.RunOrPost(action);
        action();
        return true;
    }

    /// <summary>Cancelled when the loop that owns this emitter ends; none for a plain emitter.</summary>
    private CancellationToken OwnerEnded => OwnerLoop?.EndedToken ?? default;
}
