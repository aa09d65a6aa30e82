using System.Threading.Channels;

namespace NodeNet.Streams;

/// <summary>A pipe into a .NET Stream or PipeWriter. The source's loop hands each chunk (the listener's own array, no
/// copy) to a pump on the thread pool, which awaits each write; the bytes handed over and not yet written stand in for
/// a write buffer, so a slow destination pauses the socket. Completes <see cref="Completion"/> when the pipe is over:
/// after the end was written (and, with end, the destination completed), or with the first error.</summary>
internal sealed class AsyncDestination : CountedDestination
{
    private static readonly object EndMark = new();

    private readonly IDuplex _source;
    private readonly object _target;
    private readonly Func<byte[], ValueTask<bool>> _write;   // false: the destination takes no more (a PipeReader completed)
    private readonly Func<ValueTask> _complete;
    private readonly bool _completeAtEnd;
    private readonly Channel<object> _queue = Channel.CreateUnbounded<object>(new UnboundedChannelOptions { SingleReader = true });
    private readonly TaskCompletionSource<bool> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private const int HighWaterMark = 64 * 1024;

    public AsyncDestination(IDuplex source, object target, Func<byte[], ValueTask<bool>> write, Func<ValueTask> complete, bool completeAtEnd)
        : base(HighWaterMark)
    {
        _source = source;
        _target = target;
        _write = write;
        _complete = complete;
        _completeAtEnd = completeAtEnd;
    }

    /// <summary>Also faults when the source's loop ends first.</summary>
    public Task Completion => LoopTask.Track(_source.Loop, _done);

    public override object Target => _target;

    public override bool Write(object chunk)
    {
        var bytes = chunk as byte[] ?? System.Text.Encoding.UTF8.GetBytes((string)chunk);
        bool more = Handed(bytes.Length);
        _queue.Writer.TryWrite(bytes);
        return more;
    }

    public override void End()
    {
        _queue.Writer.TryWrite(EndMark);
        _queue.Writer.TryComplete();
    }

    public override void Attach(PipeLink link)
    {
        Link = link;
        _ = Task.Run(PumpAsync);
    }

    /// <summary>Unpiped before the end: what was handed over is still written, then the pipe is over.</summary>
    public override void Detach()
    {
        Detached = true;
        _queue.Writer.TryComplete();
    }

    public override void Unpiped(IDuplex source) { }

    /// <summary>The source failed or closed before its end: the pipe is over with that.</summary>
    public void SourceFailed(Exception error)
    {
        _queue.Writer.TryComplete();
        _done.TrySetException(error);
    }

    private async Task PumpAsync()
    {
        try
        {
            await foreach (var item in _queue.Reader.ReadAllAsync().ConfigureAwait(false))
            {
                if (item == EndMark)
                {
                    if (_completeAtEnd) await _complete().ConfigureAwait(false);
                    _done.TrySetResult(true);
                    return;
                }
                var bytes = (byte[])item;
                bool more = await _write(bytes).ConfigureAwait(false);
                _source.Loop.TryPost(() => Wrote(bytes.Length));
                if (!more) { Stop(null); return; }
            }
            _done.TrySetResult(true);
        }
        catch (Exception e) { Stop(e); }
    }

    /// <summary>The destination failed (or takes no more): unpipe on the source's loop; the task carries the error.</summary>
    private void Stop(Exception? error)
    {
        _queue.Writer.TryComplete();
        _source.Loop.TryPost(() => Link!.UnpipeSelf());
        if (error != null) _done.TrySetException(error);
        else _done.TrySetResult(true);
    }
}
