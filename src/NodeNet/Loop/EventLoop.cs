using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using NodeNet.Native;
using NodeNet.Uv;

namespace NodeNet;

/// <summary>
/// A libuv event loop and the one thread that runs it. Node style: <see cref="Run(Action)"/> runs your
/// code on the calling thread, then the loop until no referenced handle is left (when `node script.js`
/// would exit). Hosted: <see cref="StartHosted"/> runs a loop on its own thread for async/await programs.
/// </summary>
/// <remarks>
/// Thread rule: the Node-style API of every object created on a loop (Server, Socket, timers,
/// <see cref="NextTick"/>) must be called on that loop's thread, otherwise it throws
/// <see cref="InvalidOperationException"/>. <see cref="Post"/> and the Task-based methods may be
/// called from any thread. An exception thrown by your code inside any callback never reaches libuv:
/// it goes to <see cref="UncaughtException"/>; with no handler the loop closes every handle and
/// <see cref="Run(Action)"/> rethrows it, as Node exits on an uncaught exception.
/// </remarks>
public sealed partial class EventLoop : IDisposable, IAsyncDisposable, IUvLoopOwner
{
    [ThreadStatic] private static EventLoop? t_current;

    internal readonly UvLoop Uv;
    private readonly UvAsync _wake;
    private readonly UvCheck _check;
    private const int InternalHandles = 3; // wake (async), check and its idle

    private readonly object _postGate = new();
    private readonly ConcurrentQueue<(Action<object?> action, object? state)> _posted = new();
    private bool _acceptingPosts = true;

    private readonly Queue<Action> _ticks = new();
    private readonly Queue<Action> _microtasks = new();
    private Queue<Immediate> _immediates = new();
    private Queue<Immediate> _spareImmediates = new();
    private bool _draining;

    private ExceptionDispatchInfo? _fatal;
    private bool _tearingDown;
    private readonly LoopSynchronizationContext _syncContext;

    private readonly bool _hosted;
    private readonly int _metricsId;
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _ended = new();

    /// <summary>Your code's uncaught exceptions (Node's <c>process.on('uncaughtException')</c>). With a handler the loop keeps running.</summary>
    public event Action<Exception>? UncaughtException;

    private EventLoop(bool hosted)
    {
        _hosted = hosted;
        Dependencies.Preload();
        Uv = new UvLoop(this);
        _syncContext = new LoopSynchronizationContext(this);
        _wake = new UvAsync(Uv, RunPosted);
        if (!hosted) _wake.Unref(); // posts never keep a Node-style loop alive; see RunUntilIdle
        _check = new UvCheck(Uv, RunImmediates);
        var uv = Uv;
        _metricsId = NodeNetMetrics.LoopStarted(Thread.CurrentThread.Name ?? $"thread {Uv.ThreadId}", () =>
            uv.ReadMetrics() is { } m ? (m.idleNs / 1e9, (long?)m.counters?.LoopCount, (long?)m.counters?.Events) : null);
    }

    /// <summary>Where libuv was loaded from (the app-local runtimes/&lt;rid&gt;/native copy, or a system name); loads it if needed.</summary>
    public static string NativeLibraryPath
    {
        get { LibuvLoader.EnsureLoaded(); return LibuvLoader.LoadedFrom!; }
    }

    /// <summary>The loaded libuv's version, as uv_version_string() reports it.</summary>
    public static unsafe string LibuvVersion
    {
        get { LibuvLoader.EnsureLoaded(); return System.Runtime.InteropServices.Marshal.PtrToStringUTF8((nint)Native.Uv.uv_version_string())!; }
    }

    /// <summary>The loop running on the current thread, or null.</summary>
    public static EventLoop? Current => t_current;

    internal static EventLoop RequireCurrent() => t_current ?? throw new InvalidOperationException(
        "No NodeNet event loop runs on this thread. Call this inside EventLoop.Run(...), or inside a callback " +
        "posted to a hosted loop (EventLoop.Post), or use the Task-based API.");

    /// <summary>True on the thread that runs this loop.</summary>
    public bool IsLoopThread => Uv.IsLoopThread;

    /// <summary>Completes when the loop has ended; faults with the uncaught exception that ended it.</summary>
    public Task Completion => _completion.Task;

    /// <summary>False once an uncaught exception ended the loop, or while it tears down: libuv's callbacks then run none of
    /// the application's code.</summary>
    internal bool UserCallbacksAllowed => _fatal == null && !_tearingDown;

    bool IUvLoopOwner.UserCallbacksAllowed => UserCallbacksAllowed;
    void IUvLoopOwner.ReportUncaught(Exception error) => ReportUncaught(error);
    void IUvLoopOwner.AfterCallback() => AfterCallback();

    /// <summary>Cancelled once the loop has ended and freed its handles, on its thread: pending tasks complete then
    /// instead of hanging (see <see cref="LoopTask"/>). Callbacks must not run user code inline.</summary>
    internal CancellationToken EndedToken => _ended.Token;

    /// <summary>Live native objects of this loop, for diagnostics and tests (the loop's own three handles not counted).</summary>
    public LoopDiagnostics Diagnostics => new(
        Math.Max(0, Uv.LiveHandles - (_wake.IsClosed ? 0 : InternalHandles)),
        Uv.LiveRequests,
        Math.Max(0, Uv.LiveGCHandles - (_wake.IsClosed ? 0 : InternalHandles)));

    /// <summary>
    /// Node style: creates a loop on this thread, runs <paramref name="main"/>, then runs the loop until
    /// nothing referenced is left, closes it and returns. Rethrows an uncaught exception.
    /// </summary>
    public static void Run(Action main)
    {
        NodeErrors.ThrowIfNull(main);
        RunCore(main);
    }

    /// <summary>Node style with an async entry point: a fault of the returned task is an uncaught exception.
    /// As in Node, a pending task alone does not keep the loop alive.</summary>
    public static void Run(Func<Task> main)
    {
        NodeErrors.ThrowIfNull(main);
        RunCore(() =>
        {
            var task = main();
            task.ContinueWith(static (t, s) => ((EventLoop)s!).ReportUncaught(t.Exception!.InnerExceptions.Count == 1
                    ? t.Exception.InnerException! : t.Exception),
                RequireCurrent(), CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
        });
    }

    private static void RunCore(Action main)
    {
        if (t_current != null) throw new InvalidOperationException("An event loop already runs on this thread.");
        var loop = new EventLoop(hosted: false);
        var previous = SynchronizationContext.Current;
        t_current = loop;
        SynchronizationContext.SetSynchronizationContext(loop._syncContext);
        try
        {
            loop.Invoke(main);
            loop.AfterCallback();
            loop.RunUntilIdle();
        }
        finally
        {
            loop.Teardown();
            t_current = null;
            SynchronizationContext.SetSynchronizationContext(previous);
        }
        loop._fatal?.Throw();
    }

    private void RunUntilIdle()
    {
        while (_fatal == null)
        {
            Uv.Run(UvRunMode.Default);
            if (_fatal != null) break;
            // uv_run returned: nothing referenced is left. Work posted from another thread that raced
            // with this exit still runs; after this point Post throws.
            lock (_postGate)
            {
                if (_posted.IsEmpty) { _acceptingPosts = false; break; }
            }
            RunPosted();
        }
    }

    /// <summary>Closes every handle without running user callbacks, lets libuv finish, frees the loop.</summary>
    private void Teardown()
    {
        _tearingDown = true;
        lock (_postGate) _acceptingPosts = false;
        Uv.CloseAllHandles();
        while (!Uv.TryDispose()) Uv.Run(UvRunMode.Default);
        NodeNetMetrics.LoopEnded(_metricsId);
        // Tasks still pending complete now, before Completion, so whoever awaited the loop's end finds them completed.
        // Their callbacks never run user code inline (asynchronous continuations; pipes complete on the thread pool).
        _ended.Cancel();
        if (_fatal != null) _completion.TrySetException(_fatal.SourceException);
        else _completion.TrySetResult();
    }

    /// <summary>Starts a loop on a dedicated thread, kept alive until <see cref="Dispose"/>.</summary>
    public static EventLoop StartHosted(string? threadName = null)
    {
        var ready = new TaskCompletionSource<EventLoop>(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() => HostedMain(ready)) { IsBackground = true, Name = threadName ?? "NodeNet loop" };
        // The loop serves everyone: it must not carry the AsyncLocals of whoever happened to start it (and with a
        // default ExecutionContext, pipe continuations on it need not box their state).
        using (ExecutionContext.SuppressFlow()) thread.Start();
        return ready.Task.GetAwaiter().GetResult();
    }

    private static readonly Lazy<EventLoop> s_default = new(() => StartHosted("NodeNet default loop"));

    /// <summary>A process-wide hosted loop, started on first use, for programs that never call <see cref="Run(Action)"/>.</summary>
    public static EventLoop Default => s_default.Value;

    private static void HostedMain(TaskCompletionSource<EventLoop> ready)
    {
        EventLoop loop;
        try { loop = new EventLoop(hosted: true); }
        catch (Exception e) { ready.SetException(e); return; }
        t_current = loop;
        SynchronizationContext.SetSynchronizationContext(loop._syncContext);
        ready.SetResult(loop);
        try
        {
            // The wake handle stays referenced, so this returns only after Dispose or an uncaught exception.
            while (loop._fatal == null && !loop._tearingDown && loop.Uv.Run(UvRunMode.Default) != 0) { }
        }
        finally
        {
            loop.Teardown();
            t_current = null;
        }
    }

    /// <summary>Runs <paramref name="action"/> on the loop thread. Thread-safe; actions from one thread run in order.</summary>
    /// <exception cref="InvalidOperationException">The loop has ended.</exception>
    public void Post(Action action)
    {
        if (!TryPost(action)) throw new InvalidOperationException("The event loop has ended; nothing more can be posted to it.");
    }

    /// <summary>Like <see cref="Post"/>, but returns false instead of throwing when the loop has ended.</summary>
    public bool TryPost(Action action)
    {
        NodeErrors.ThrowIfNull(action);
        return TryPost(static a => ((Action)a!)(), action);
    }

    /// <summary>Posts <paramref name="action"/>(<paramref name="state"/>) without allocating (the pipe path's scheduler uses it).</summary>
    internal bool TryPost(Action<object?> action, object? state)
    {
        lock (_postGate)
        {
            if (!_acceptingPosts) return false;
            _posted.Enqueue((action, state));
            _wake.Send(); // inside the lock: teardown closes the handle only after _acceptingPosts is false
        }
        return true;
    }

    private void RunPosted()
    {
        while (UserCallbacksAllowed && _posted.TryDequeue(out var item))
        {
            try { item.action(item.state); }
            catch (Exception e) { ReportUncaught(e); }
            AfterCallback();
        }
    }

    /// <summary>Runs <paramref name="function"/> on the loop thread (at once when called there) and completes with its result,
    /// or its exception; faults with <see cref="ObjectDisposedException"/> if the loop has ended or ends first. The way to
    /// use the Node-style API from other code: <c>await loop.InvokeAsync(() => server.MaxConnections = 100)</c>.</summary>
    public Task<T> InvokeAsync<T>(Func<T> function)
    {
        NodeErrors.ThrowIfNull(function);
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        var task = LoopTask.Track(this, done);
        if (!RunOrPost(() => { try { done.TrySetResult(function()); } catch (Exception e) { done.TrySetException(e); } }))
            done.TrySetException(LoopTask.LoopEnded());
        return task;
    }

    /// <inheritdoc cref="InvokeAsync{T}(Func{T})"/>
    public Task InvokeAsync(Action action)
    {
        NodeErrors.ThrowIfNull(action);
        return InvokeAsync(() => { action(); return true; });
    }

    /// <summary>Runs <paramref name="action"/> now when on the loop thread, else posts it. False if the loop has ended.</summary>
    internal bool RunOrPost(Action action)
    {
        if (IsLoopThread) { Invoke(action); return true; }
        return TryPost(action);
    }

    /// <summary>Queues <paramref name="callback"/> to run after the current callback, before the loop continues (process.nextTick).</summary>
    public void NextTick(Action callback)
    {
        NodeErrors.ThrowIfNull(callback);
        Uv.VerifyThread();
        _ticks.Enqueue(callback);
    }

    internal void EnqueueMicrotask(Action callback) => _microtasks.Enqueue(callback);

    /// <summary>Runs after every callback from libuv: the nextTick queue, then continuations, until both are empty.</summary>
    internal void AfterCallback()
    {
        if (_draining) return;
        _draining = true;
        try
        {
            while (UserCallbacksAllowed)
            {
                if (_ticks.TryDequeue(out var tick)) Invoke(tick);
                else if (_microtasks.TryDequeue(out var task)) Invoke(task);
                else break;
            }
        }
        finally { _draining = false; }
    }

    internal void Invoke(Action action)
    {
        try { action(); }
        catch (Exception e) { ReportUncaught(e); }
    }

    internal void ReportUncaught(Exception error)
    {
        if (_fatal != null) return;
        NodeNetLogging.Uncaught(NodeNetLogging.Logger, error);
        var handler = UncaughtException;
        if (handler != null)
        {
            try { handler(error); return; }
            catch (Exception thrownByHandler) { error = thrownByHandler; }
        }
        _fatal = ExceptionDispatchInfo.Capture(error);
        Uv.Stop();
    }

    /// <summary>Ends a hosted loop: closes every handle (no further callbacks run) and waits for its thread.</summary>
    public void Dispose()
    {
        if (!_hosted) throw new InvalidOperationException("A loop started by EventLoop.Run ends by itself when no referenced handle is left.");
        if (TryPost(() => { _tearingDown = true; Uv.Stop(); }) && !IsLoopThread)
            _completion.Task.ContinueWith(static _ => { }).Wait();
    }

    /// <inheritdoc cref="Dispose"/>
    public async ValueTask DisposeAsync()
    {
        if (!_hosted) throw new InvalidOperationException("A loop started by EventLoop.Run ends by itself when no referenced handle is left.");
        if (TryPost(() => { _tearingDown = true; Uv.Stop(); }) && !IsLoopThread)
            await _completion.Task.ContinueWith(static _ => { }).ConfigureAwait(false);
    }
}
