using System.IO.Pipelines;
using NodeNet.Streams;

namespace NodeNet;

// Piping between a socket and .NET's streams: the Node-style pipe with a Task for its end.
public sealed partial class Socket
{
    /// <summary>Pipes what this socket reads into a .NET <paramref name="destination"/>, with back-pressure (the socket
    /// pauses while 64 KiB wait to be written). Completes once this socket's 'end' was reached and everything written and
    /// flushed (and, with <paramref name="end"/>, the stream disposed); faults with the socket's error, the stream's
    /// error, or ERR_STREAM_PREMATURE_CLOSE when the socket closes before its end. Strings (after SetEncoding) are
    /// written as UTF-8. Any thread.</summary>
    public Task PipeAsync(Stream destination, bool end = true)
    {
        NodeErrors.ThrowIfNull(destination, "destination");
        return PipeToAsync(destination,
            async bytes => { await destination.WriteAsync(bytes).ConfigureAwait(false); return true; },
            async () => { await destination.FlushAsync().ConfigureAwait(false); await destination.DisposeAsync().ConfigureAwait(false); },
            end);
    }

    /// <summary>Pipes what this socket reads into <paramref name="destination"/>; with <paramref name="end"/> the writer is
    /// completed at the socket's 'end'. A reader that completes stops the pipe (the task completes). As
    /// <see cref="PipeAsync(Stream, bool)"/> otherwise.</summary>
    public Task PipeAsync(PipeWriter destination, bool end = true)
    {
        NodeErrors.ThrowIfNull(destination, "destination");
        return PipeToAsync(destination,
            async bytes => !(await destination.WriteAsync(bytes).ConfigureAwait(false)).IsCompleted,
            async () => await destination.CompleteAsync().ConfigureAwait(false),
            end);
    }

    private Task PipeToAsync(object target, Func<byte[], ValueTask<bool>> write, Func<ValueTask> complete, bool end)
    {
        var pipe = new AsyncDestination(this, target, write, complete, end);
        if (!_loop.RunOrPost(() =>
            {
                EnsureErrorSink();
                Action<Exception> onError = e => pipe.SourceFailed(e);
                On(SocketEvents.Error, onError);
                Once(SocketEvents.Close, () =>
                {
                    if (!_readable.EndEmitted) pipe.SourceFailed(_errored ?? NodeErrors.PrematureClose());
                });
                if (_ipc != null) { pipe.SourceFailed(IpcIsNotAStream()); return; }
                StartPipe(pipe, end: true);
            }))
            pipe.SourceFailed(LoopTask.LoopEnded());
        return pipe.Completion;
    }

    /// <summary>Writes everything <paramref name="source"/> holds to this socket, with back-pressure (each chunk waits
    /// for the one before to reach the kernel), then ends the socket unless <paramref name="end"/> is false. Faults with
    /// the stream's or the socket's error, or when the loop ends; cancelling destroys the socket, as WriteAsync does.
    /// Any thread.</summary>
    public async Task PipeFromAsync(Stream source, bool end = true, CancellationToken cancellationToken = default)
    {
        NodeErrors.ThrowIfNull(source, "source");
        var buffer = new byte[64 * 1024];
        // A read that waits on the stream must not outlive the loop: its end cancels the read.
        using var reading = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _loop.EndedToken);
        while (true)
        {
            int n;
            try { n = await source.ReadAsync(buffer, reading.Token).ConfigureAwait(false); }
            catch (OperationCanceledException) when (_loop.EndedToken.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw LoopTask.LoopEnded();
            }
            if (n == 0) break;
            await WriteAsync(buffer.AsMemory(0, n), cancellationToken).ConfigureAwait(false);
        }
        if (end) await EndAsync(cancellationToken).ConfigureAwait(false);
    }
}
