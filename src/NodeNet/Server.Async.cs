using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace NodeNet;

// The Task-based API. Every method may be called from any thread: the work runs on the server's loop.
public sealed partial class Server : IAsyncEnumerable<Socket>
{
    /// <summary>Listens; completes at 'listening', faults with the listen error. Cancelling before then closes the server.</summary>
    public Task ListenAsync(ListenOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (cancellationToken.IsCancellationRequested) return Task.FromCanceled(cancellationToken);
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        bool posted = _loop.RunOrPost(() =>
        {
            Action<Exception>? onError = null;
            Action onListening = () => { Off("error", onError!); done.TrySetResult(); };
            onError = e => { Off("listening", onListening); done.TrySetException(e); };
            Once("listening", onListening);
            Once("error", onError);
            try { Listen(options); }
            catch (Exception e) { Off("listening", onListening); Off("error", onError); done.TrySetException(e); }
        });
        if (!posted) done.TrySetException(Socket.LoopEnded());
        if (cancellationToken.CanBeCanceled)
        {
            var registration = cancellationToken.Register(() => { if (done.TrySetCanceled(cancellationToken)) _loop.TryPost(() => Close()); });
            done.Task.ContinueWith(static (_, r) => ((CancellationTokenRegistration)r!).Dispose(), registration, TaskScheduler.Default);
        }
        return done.Task;
    }

    /// <summary>Listens on <paramref name="port"/> (0: any) and <paramref name="host"/> (default: every interface).</summary>
    public Task ListenAsync(int port, string? host = null, CancellationToken cancellationToken = default) =>
        ListenAsync(new ListenOptions { Port = port, Host = host }, cancellationToken);

    /// <summary>Listens on a Unix domain socket path or Windows pipe name.</summary>
    public Task ListenAsync(string path, CancellationToken cancellationToken = default) =>
        ListenAsync(new ListenOptions { Path = path ?? throw NodeErrors.InvalidArgType("path", "of type string", null) }, cancellationToken);

    /// <summary>Closes; completes at 'close' (once every connection has ended), faults with ERR_SERVER_NOT_RUNNING
    /// when the server was not listening. Cancelling stops the wait, not the close.</summary>
    public Task CloseAsync(CancellationToken cancellationToken = default)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_loop.RunOrPost(() => Close(e => { if (e == null) done.TrySetResult(); else done.TrySetException(e); })))
            done.TrySetException(Socket.LoopEnded());
        return cancellationToken.CanBeCanceled ? done.Task.WaitAsync(cancellationToken) : done.Task;
    }

    /// <summary>Accepted connections, as Node's <c>server[Symbol.asyncIterator]</c>: <c>await foreach (var socket in server)</c>.
    /// Ends when the server emits 'close'. Connections accepted while nobody enumerates are not replayed.</summary>
    public async IAsyncEnumerator<Socket> GetAsyncEnumerator(CancellationToken cancellationToken = default)
    {
        var channel = Channel.CreateUnbounded<Socket>(new UnboundedChannelOptions { SingleReader = true });
        Action<Socket> onConnection = s => channel.Writer.TryWrite(s);
        Action onClose = () => channel.Writer.TryComplete();
        var subscribed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_loop.RunOrPost(() => { On("connection", onConnection); On("close", onClose); subscribed.TrySetResult(); }))
            yield break;
        await subscribed.Task.ConfigureAwait(false);
        try
        {
            while (await channel.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
                while (channel.Reader.TryRead(out var socket)) yield return socket;
        }
        finally
        {
            _loop.RunOrPost(() => { Off("connection", onConnection); Off("close", onClose); });
        }
    }
}
