using System.Runtime.ExceptionServices;

namespace NodeNet;

// Async listeners (Func<..., Task>) and Node's captureRejections: what happens when a listener's Task faults.
public partial class EventEmitter
{
    private static volatile bool s_captureRejections;

    /// <summary>Node's <c>events.captureRejections</c> (false by default): when true, an async listener whose Task faults
    /// is handled by its emitter on the next tick: a Socket is destroyed with the error, a Server destroys the connection
    /// whose 'connection' listener failed (other events: 'error'), a plain emitter emits 'error'. When false, the error
    /// is the loop's uncaught exception, as Node's unhandled rejection ends its process. Thread-safe.</summary>
    public static bool CaptureRejections { get => s_captureRejections; set => s_captureRejections = value; }

    /// <summary>new EventEmitter(): follows <see cref="CaptureRejections"/>.</summary>
    public EventEmitter() { }

    /// <summary>new EventEmitter({ captureRejections }): this emitter's own setting.</summary>
    public EventEmitter(bool captureRejections) => CaptureRejectionsOption = captureRejections;

    /// <summary>This emitter's own setting (Node's <c>new EventEmitter({ captureRejections })</c>); null follows
    /// <see cref="CaptureRejections"/>.</summary>
    private protected bool? CaptureRejectionsOption { get; init; }

    /// <summary>Adds an async listener: its Task is watched, and a fault is handled as <see cref="CaptureRejections"/> says.</summary>
    public EventEmitter On(string eventName, Func<Task> listener) =>
        Add(eventName, new AsyncListener(listener, false, [], (d, _) => ((Func<Task>)d)(), this), prepend: false);
    /// <inheritdoc cref="On(string, Func{Task})"/>
    public EventEmitter On<T>(string eventName, Func<T, Task> listener) =>
        Add(eventName, new AsyncListener(listener, false, [typeof(T)], (d, a) => ((Func<T, Task>)d)(Listener.Arg<T>(eventName, a, 0)), this), prepend: false);
    /// <inheritdoc cref="On(string, Func{Task})"/>
    public EventEmitter On<T1, T2>(string eventName, Func<T1, T2, Task> listener) =>
        Add(eventName, new AsyncListener(listener, false, [typeof(T1), typeof(T2)],
            (d, a) => ((Func<T1, T2, Task>)d)(Listener.Arg<T1>(eventName, a, 0), Listener.Arg<T2>(eventName, a, 1)), this), prepend: false);
    /// <summary>An async listener removed before its first call (see <see cref="On(string, Func{Task})"/>).</summary>
    public EventEmitter Once(string eventName, Func<Task> listener) =>
        Add(eventName, new AsyncListener(listener, true, [], (d, _) => ((Func<Task>)d)(), this), prepend: false);
    /// <inheritdoc cref="Once(string, Func{Task})"/>
    public EventEmitter Once<T>(string eventName, Func<T, Task> listener) =>
        Add(eventName, new AsyncListener(listener, true, [typeof(T)], (d, a) => ((Func<T, Task>)d)(Listener.Arg<T>(eventName, a, 0)), this), prepend: false);

    private delegate Task AsyncInvoke(Delegate target, ReadOnlySpan<object?> args);

    private sealed class AsyncListener(Delegate target, bool once, Type[] types, AsyncInvoke invoke, EventEmitter owner) : Listener(target, once)
    {
        public override Type[]? ParameterTypes => types;

        public override void Invoke(string eventName, ReadOnlySpan<object?> args)
        {
            Task task = invoke(Target, args);
            if (task.IsCompletedSuccessfully) return;
            owner.Watch(task, eventName, args.ToArray());
        }
    }

    /// <summary>A listener's Task that has not succeeded yet: handle its fault on a later tick, as Node's addCatch does.</summary>
    private void Watch(Task task, string eventName, object?[] args)
    {
        if (task.IsCompleted) { Defer(() => Rejected(task, eventName, args)); return; }
        task.ContinueWith(static (t, s) =>
        {
            var (emitter, name, a) = ((EventEmitter, string, object?[]))s!;
            if (!t.IsCompletedSuccessfully) emitter.RunOnOwner(() => emitter.Rejected(t, name, a));
        }, (this, eventName, args), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    private void Rejected(Task task, string eventName, object?[] args)
    {
        Exception error = task.IsCanceled ? new TaskCanceledException(task) : task.Exception!.InnerException ?? task.Exception;
        if (!(CaptureRejectionsOption ?? CaptureRejections)) ExceptionDispatchInfo.Throw(error); // the loop's uncaught exception
        OnRejection(error, eventName, args);
    }

    /// <summary>Node's <c>[Symbol.for('nodejs.rejection')]</c>: what this emitter does with a captured rejection. A plain
    /// emitter emits 'error'.</summary>
    private protected virtual void OnRejection(Exception error, string eventName, object?[] args) => EmitEvent("error", error);

    /// <summary>Runs <paramref name="action"/> on a later tick of the owner's loop (posted there from another thread); a plain
    /// emitter uses the current loop's, or runs it at once off any loop.</summary>
    private void Defer(Action action)
    {
        if (OwnerLoop is { } owner)
        {
            if (owner.IsLoopThread) owner.NextTick(action);
            else owner.TryPost(action);
        }
        else if (EventLoop.Current is { } loop) loop.NextTick(action);
        else action();
    }
}
