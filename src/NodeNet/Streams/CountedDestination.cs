namespace NodeNet.Streams;

/// <summary>A destination that is not a write buffer on the source's loop (a socket on another loop, a .NET Stream): the
/// bytes handed over and not yet written stand in for one. The source's loop counts them up as chunks go and down as
/// writes complete; at the high-water mark the source pauses, and when all are written it is told to go on.</summary>
internal abstract class CountedDestination(int highWaterMark) : PipeDestination
{
    private long _pending;     // source loop
    private bool _drainWanted;
    protected PipeLink? Link;
    protected bool Detached;  // unpiped: no 'drain' for the source any more

    public override bool NeedDrain => _pending >= highWaterMark;

    public override void ListenForDrain() => _drainWanted = true;

    /// <summary>Source loop: <paramref name="length"/> bytes handed over; false once they reach the high-water mark.</summary>
    protected bool Handed(long length)
    {
        _pending += length;
        return _pending < highWaterMark;
    }

    /// <summary>Source loop: <paramref name="length"/> of them written.</summary>
    protected void Wrote(long length)
    {
        _pending -= length;
        if (_pending == 0 && _drainWanted && !Detached) Link!.Drained();
    }
}
