namespace NodeNet.Streams;

/// <summary>
/// Node's stream.pipeline(a, b, …, callback) over duplex streams (sockets): each pipes into the next; the first error (or premature
/// close) destroys every stream not yet done with it; the callback runs once, after every stream is done. The streams
/// may live on different loops: each is watched and destroyed on its own, and the callback runs on the loop of the
/// stream that finished last.
/// </summary>
internal sealed class PipelineRun
{
    private readonly object _gate = new();
    private readonly IDuplex[] _streams;
    private readonly bool[] _done;
    private readonly Action<Exception?> _callback;
    private int _remaining;
    private Exception? _error;
    private bool _destroyed;

    private PipelineRun(IDuplex[] streams, Action<Exception?> callback)
    {
        _streams = streams;
        _done = new bool[streams.Length];
        _remaining = streams.Length;
        _callback = callback;
    }

    public static void Start(IReadOnlyList<IDuplex> streams, Action<Exception?> callback)
    {
        var run = new PipelineRun([.. streams], callback);
        int last = streams.Count - 1;
        for (int i = 0; i <= last; i++)
        {
            var stream = streams[i];
            int index = i;
            var next = i < last ? streams[i + 1] : null;
            bool posted = stream.Loop.RunOrPost(() =>
            {
                stream.Emitter.Once(SocketEvents.Close, () => run.MarkDone(index));
                EndOfStream.Watch(stream, readable: index < last, writable: index > 0, error => run.Finish(index, error));
                if (next != null) stream.PipeTo(next);
            });
            if (!posted) run.Finish(index, LoopTask.LoopEnded());
        }
    }

    private void MarkDone(int index)
    {
        lock (_gate) _done[index] = true;
    }

    private void Finish(int index, Exception? error)
    {
        bool final;
        bool destroyNow = false;
        Exception? destroyWith;
        lock (_gate)
        {
            if (error == null) _done[index] = true;
            if (error != null && (_error == null || (_error as INodeError)?.Code == "ERR_STREAM_PREMATURE_CLOSE")) _error = error;
            final = --_remaining == 0;
            destroyWith = _error;
            if (_error != null && !_destroyed) { _destroyed = true; destroyNow = true; }
        }
        if (destroyNow)
        {
            for (int i = 0; i < _streams.Length; i++)
            {
                var stream = _streams[i];
                int index2 = i;
                stream.Loop.RunOrPost(() =>
                {
                    bool done;
                    lock (_gate) done = _done[index2];
                    if (!done && !stream.IsDestroyed) stream.Destroy(destroyWith);
                });
            }
        }
        if (final)
        {
            var callbackLoop = _streams[index].Loop;
            Exception? result;
            lock (_gate) result = _error;
            callbackLoop.RunOrPost(() => callbackLoop.NextTick(() => _callback(result)));
        }
    }
}
