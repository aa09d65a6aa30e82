namespace NodeNet.Streams;

/// <summary>What Node's Writable state machine needs from the stream that owns it: somewhere to send batches (Node's
/// _write/_writev), a way to shut the sink down (_final), and the owner's own events. The owner (a socket) hands batches
/// to its write engine and reports their completion back to <see cref="WritableState"/>.</summary>
internal interface IWritableHost
{
    /// <summary>A sink exists (the socket has a handle).</summary>
    bool HasSink { get; }

    /// <summary>The sink is still connecting: a batch waits for it through <see cref="WaitForConnect"/>.</summary>
    bool Connecting { get; }

    bool Destroyed { get; }

    /// <summary>The error the owner was destroyed with (Node's state.errored), or null.</summary>
    Exception? Errored { get; }

    /// <summary>The fast path of a write nothing waits on: sends <paramref name="data"/> with no batch made for it.
    /// <paramref name="pending"/>: the engine's record of the rest when it was queued, to <see cref="Attach"/> the batch
    /// to. Returns the failure, or null.</summary>
    Exception? SendNow(ReadOnlyMemory<byte> data, out long written, out bool queued, out object? pending);

    /// <summary>Makes the queued rest of a <see cref="SendNow"/> complete as <paramref name="batch"/>.</summary>
    void Attach(object pending, WriteBatch batch);

    /// <summary>Node's _writev: sends the batch; when <paramref name="queued"/>, its completion comes back through
    /// <see cref="WritableState.Completed"/>. Returns the failure, or null.</summary>
    Exception? Send(WriteBatch batch, out bool queued);

    /// <summary>Node's _final: shuts the sink's writing side down; when <paramref name="started"/>, its completion comes back
    /// through <see cref="WritableState.ShutDown"/>, and when not and no error, there was nothing to shut down. Returns the
    /// failure, or null.</summary>
    Exception? Shutdown(out bool started);

    /// <summary>Holds <paramref name="batch"/> until the sink connects (<see cref="WritableState.SendAfterConnect"/>) or
    /// closes first (<see cref="WritableState.ConnectFailed"/>).</summary>
    void WaitForConnect(WriteBatch batch);

    /// <summary>Write activity, for the owner's idle timeout.</summary>
    void Touch();

    void EmitDrain();

    /// <summary>Emits 'finish' and does what the owner does after it (auto-destroy once both sides are done).</summary>
    void EmitFinish();

    void Destroy(Exception error);

    void NextTick(Action callback);
}
