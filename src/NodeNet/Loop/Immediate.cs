using NodeNet.Uv;

namespace NodeNet;

/// <summary>A callback queued by <see cref="EventLoop.SetImmediate"/>.</summary>
public sealed class Immediate
{
    private readonly EventLoop _loop;
    internal readonly Action Callback;
    internal bool Cleared;
    internal bool HasRef = true;

    internal Immediate(EventLoop loop, Action callback) { _loop = loop; Callback = callback; }

    /// <summary>clearImmediate.</summary>
    public void Clear() { Cleared = true; _loop.UpdateImmediateRefs(); }

    /// <summary>Let the loop end even though this immediate is pending.</summary>
    public Immediate Unref() { HasRef = false; _loop.UpdateImmediateRefs(); return this; }

    /// <summary>Keep the loop alive while this immediate is pending (the default).</summary>
    public Immediate Ref() { HasRef = true; _loop.UpdateImmediateRefs(); return this; }
}
