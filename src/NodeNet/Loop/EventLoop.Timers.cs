using NodeNet.Uv;

namespace NodeNet;

public sealed partial class EventLoop
{
    // Node's TIMEOUT_MAX (2^31 - 1 ms); out-of-range or sub-1 ms delays become 1 ms, as in Node.
    private const double TimeoutMax = int.MaxValue;

    /// <summary>setTimeout: runs <paramref name="callback"/> once after <paramref name="ms"/> milliseconds.</summary>
    public TimerHandle SetTimeout(Action callback, double ms = 1) => StartTimer(callback, ms, repeat: false);

    /// <summary>setInterval: runs <paramref name="callback"/> every <paramref name="ms"/> milliseconds until cleared.</summary>
    public TimerHandle SetInterval(Action callback, double ms = 1) => StartTimer(callback, ms, repeat: true);

    private TimerHandle StartTimer(Action callback, double ms, bool repeat)
    {
        NodeErrors.ThrowIfNull(callback);
        Uv.VerifyThread();
        if (!(ms >= 1 && ms <= TimeoutMax)) ms = 1;
        return new TimerHandle(this, callback, (ulong)ms, repeat);
    }

    /// <summary>setImmediate: runs <paramref name="callback"/> after the current poll phase.</summary>
    public Immediate SetImmediate(Action callback)
    {
        NodeErrors.ThrowIfNull(callback);
        Uv.VerifyThread();
        var immediate = new Immediate(this, callback);
        _immediates.Enqueue(immediate);
        UpdateImmediateRefs();
        return immediate;
    }

    internal void UpdateImmediateRefs()
    {
        bool anyRefed = false;
        foreach (var i in _immediates) if (i.HasRef && !i.Cleared) { anyRefed = true; break; }
        _check.SetPending(_immediates.Count > 0, anyRefed);
    }

    private void RunImmediates()
    {
        if (_immediates.Count == 0) return; // the check handle fires every turn; most turns have nothing to run
        // Immediates queued while these run wait for the next turn, as in Node: swap in the spare queue.
        var batch = _immediates;
        _immediates = _spareImmediates;
        _spareImmediates = batch;
        while (batch.TryDequeue(out var immediate))
        {
            if (!immediate.Cleared)
            {
                immediate.Cleared = true;
                Invoke(immediate.Callback);
                AfterCallback();
            }
            if (!UserCallbacksAllowed) { batch.Clear(); return; }
        }
        UpdateImmediateRefs();
    }
}
