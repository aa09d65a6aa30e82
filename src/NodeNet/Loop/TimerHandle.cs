using NodeNet.Uv;

namespace NodeNet;

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
