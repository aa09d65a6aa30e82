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

/// <summary>A timer from <see cref="EventLoop.SetTimeout"/> or <see cref="EventLoop.SetInterval"/> (Node's Timeout).</summary>
public sealed class TimerHandle
{
    private readonly EventLoop _loop;
    private readonly UvTimer _timer;
    private readonly Action _callback;
    private readonly ulong _ms;
    private readonly bool _repeat;

    internal TimerHandle(EventLoop loop, Action callback, ulong ms, bool repeat)
    {
        _loop = loop;
        _callback = callback;
        _ms = ms;
        _repeat = repeat;
        _timer = new UvTimer(loop.Uv, Fire);
        _timer.Start(ms, repeat ? ms : 0);
    }

    private void Fire()
    {
        if (!_repeat) _timer.Close(); // a fired timeout frees its handle; Refresh then does nothing
        _callback();
    }

    /// <summary>False once a timeout fired or the timer was cleared.</summary>
    public bool IsActive => !_timer.IsClosing;

    /// <summary>Keep the loop alive while this timer is pending (the default).</summary>
    public TimerHandle Ref() { _loop.Uv.VerifyThread(); _timer.Ref(); return this; }

    /// <summary>Let the loop end even though this timer is pending.</summary>
    public TimerHandle Unref() { _loop.Uv.VerifyThread(); _timer.Unref(); return this; }

    /// <summary>Whether this timer keeps the loop alive.</summary>
    public bool HasRef() => _timer.HasRef;

    /// <summary>Restarts the countdown from now with the original delay.</summary>
    public TimerHandle Refresh()
    {
        _loop.Uv.VerifyThread();
        _timer.Start(_ms, _repeat ? _ms : 0);
        return this;
    }

    /// <summary>clearTimeout / clearInterval. Safe to call more than once.</summary>
    public void Clear() { _loop.Uv.VerifyThread(); _timer.Close(); }
}

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
