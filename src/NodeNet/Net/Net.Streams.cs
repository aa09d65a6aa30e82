using NodeNet.Streams;

namespace NodeNet;

// stream.pipeline and stream.finished, for sockets: Node users pair them with pipe().
public static partial class Net
{
    /// <summary>stream.pipeline(a, b, …, callback): pipes each socket into the next. The first error, or a socket
    /// closing before it is done, destroys every socket not yet done, with that error; <paramref name="callback"/> runs
    /// once, after all are done, with the error or null. The sockets may live on different loops; the callback runs on
    /// the loop of the socket that was done last. Returns the last socket.</summary>
    /// <exception cref="NodeNetArgumentException">ERR_MISSING_ARGS: fewer than two sockets.</exception>
    public static Socket Pipeline(IReadOnlyList<Socket> streams, Action<Exception?> callback)
    {
        NodeErrors.ThrowIfNull(streams, "streams");
        NodeErrors.ThrowIfNull(callback, "callback");
        if (streams.Count < 2) throw NodeErrors.MissingArgs("streams");
        foreach (var s in streams) NodeErrors.ThrowIfNull(s, "streams");
        PipelineRun.Start(streams, callback);
        return streams[^1];
    }

    /// <summary>stream.pipeline(source, destination, callback).</summary>
    public static Socket Pipeline(Socket source, Socket destination, Action<Exception?> callback) =>
        Pipeline([source, destination], callback);

    /// <summary>stream/promises pipeline: completes when every socket is done, faults with the first error (or when a
    /// socket's loop ends first). Any thread.</summary>
    public static Task PipelineAsync(params Socket[] streams)
    {
        var done = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        Pipeline(streams, error => { if (error == null) done.TrySetResult(true); else done.TrySetException(error); });
        // A loop that ends first faults it: its sockets are gone.
        foreach (var loop in streams.Select(s => s.Loop).Distinct()) LoopTask.Track(loop, done);
        return done.Task;
    }

    /// <summary>stream.finished(socket, callback): <paramref name="callback"/> runs once, with null when the socket's
    /// readable side ended ('end') and its writable side finished ('finish'), with the error when it fails, and with
    /// ERR_STREAM_PREMATURE_CLOSE when it closes before that. <paramref name="readable"/> or <paramref name="writable"/>
    /// false: that side is not waited for. Returns what removes the listeners it added. Call it on the socket's loop.</summary>
    public static Action Finished(Socket stream, Action<Exception?> callback, bool readable = true, bool writable = true)
    {
        NodeErrors.ThrowIfNull(stream, "stream");
        NodeErrors.ThrowIfNull(callback, "callback");
        stream.Loop.Uv.VerifyThread();
        return EndOfStream.Watch(stream, readable, writable, callback);
    }

    /// <summary>stream/promises finished: completes when the socket is done, faults with its error (or
    /// ERR_STREAM_PREMATURE_CLOSE). Any thread.</summary>
    public static Task FinishedAsync(Socket stream, bool readable = true, bool writable = true)
    {
        NodeErrors.ThrowIfNull(stream, "stream");
        var done = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!stream.Loop.RunOrPost(() => EndOfStream.Watch(stream, readable, writable,
                error => { if (error == null) done.TrySetResult(true); else done.TrySetException(error); })))
            done.TrySetException(LoopTask.LoopEnded());
        return LoopTask.Track(stream.Loop, done);
    }
}
