using System.Collections.Concurrent;

namespace NodeNet;

// The server's open connections, per loop, so that they can be ended or destroyed together (Node's http server has
// closeAllConnections; net has nothing, and a server's close waits for every connection to end by itself). Each loop's
// set is touched only on that loop's thread.
public sealed partial class Server : IDisposable
{
    private readonly ConcurrentDictionary<EventLoop, HashSet<Socket>> _open = new();
    private volatile bool _destroyingAll; // connections that arrive from now on are destroyed at once

    /// <summary>The connection's thread: it joined the server. False if it was destroyed at once (closing everything).</summary>
    private bool Track(EventLoop loop, Socket socket)
    {
        _open.GetOrAdd(loop, static _ => []).Add(socket);
        if (!_destroyingAll) return true;
        socket.Destroy();
        return false;
    }

    /// <summary>The connection's thread: it was destroyed.</summary>
    private void Untrack(Socket socket)
    {
        if (_open.TryGetValue(socket.Loop, out var set)) set.Remove(socket);
    }

    /// <summary>Runs <paramref name="action"/> on each connection, each on its own loop's thread.</summary>
    private void ForEachConnection(Action<Socket> action)
    {
        foreach (var (loop, set) in _open)
            loop.RunOrPost(() => { foreach (var socket in set.ToArray()) action(socket); });
    }

    /// <summary>Destroys every connection of this server, on every loop (Node's <c>http.Server.closeAllConnections</c>).
    /// Listening goes on; call <see cref="Close"/> to stop accepting. Beyond Node's net. Any thread, as <see cref="Dispose"/>:
    /// each connection is destroyed on its own loop's thread (at once for those on the calling loop).</summary>
    public Server CloseAllConnections()
    {
        ForEachConnection(static s => s.Destroy());
        return this;
    }

    /// <summary>Ends every connection of this server, on every loop: each sends FIN once its queued writes are flushed, and
    /// closes when the peer ends too (a graceful shutdown's first step). Beyond Node. Any thread, as
    /// <see cref="CloseAllConnections"/>.</summary>
    public Server EndAllConnections()
    {
        ForEachConnection(static s => { if (s.Writable) s.End(); });
        return this;
    }

    /// <summary>Closes; completes at 'close' (once every connection has ended), faults with ERR_SERVER_NOT_RUNNING when
    /// the server was not listening. When <paramref name="cancellationToken"/> fires first, the connections that are left
    /// are destroyed and the task completes at the 'close' that follows (a shutdown with a deadline).</summary>
    public Task CloseAsync(CancellationToken cancellationToken = default)
    {
        var done = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        var task = LoopTask.Track(_loop, done);
        if (!_loop.RunOrPost(() =>
            {
                Close(e => { if (e == null) done.TrySetResult(true); else done.TrySetException(e); });
                if (done.Task.IsCompleted || !cancellationToken.CanBeCanceled) return;
                var deadline = cancellationToken.UnsafeRegister(_ => _loop.RunOrPost(DestroyAll), null);
                done.Task.ContinueWith(_ => deadline.Dispose(), TaskScheduler.Default);
            }))
            done.TrySetException(LoopTask.LoopEnded());
        return task;
    }

    /// <summary>Loop thread: destroy every connection, now and as they arrive (a pass in flight to another loop).</summary>
    private void DestroyAll()
    {
        _destroyingAll = true;
        ForEachConnection(static s => s.Destroy());
    }

    /// <summary>Stops listening and destroys every connection, from any thread, without waiting (see
    /// <see cref="DisposeAsync"/> to wait for 'close').</summary>
    public void Dispose() => _loop.RunOrPost(CloseAndDestroyAll);

    /// <summary>Stops listening and destroys every connection; completes at 'close' (at once when not listening, and when
    /// the loop ends first: that closes the server too). Never faults. Unlike Node's <c>server[Symbol.asyncDispose]</c>,
    /// which waits for connections to end by themselves, it never waits on a peer: use <see cref="CloseAsync"/> for that.</summary>
    public ValueTask DisposeAsync()
    {
        var done = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        var task = LoopTask.Track(_loop, done, onEnded: static d => d.TrySetResult(true));
        if (!_loop.RunOrPost(() =>
            {
                if (_handle == null && Volatile.Read(ref _connections) == 0 && _loops is not { ListenersOpen: true }) { done.TrySetResult(true); return; }
                Once("close", () => done.TrySetResult(true));
                CloseAndDestroyAll();
            }))
            done.TrySetResult(true);
        return new ValueTask(task);
    }

    private void CloseAndDestroyAll()
    {
        if (_handle != null || _loops is { ListenersOpen: true }) Close();
        DestroyAll();
    }
}
