namespace NodeNet;

/// <summary>
/// Several hosted event loops, one thread each, that servers spread their connections over
/// (<see cref="ServerOptions.LoopGroup"/>). Each connection lives on one loop for its whole life. Dispose it to end
/// every loop (and with them every connection on them).
/// </summary>
public sealed class EventLoopGroup : IAsyncDisposable, IDisposable
{
    /// <summary>The most loops a group (or <see cref="ServerOptions.Loops"/>) may have.</summary>
    public const int MaxLoops = 1024;

    private readonly EventLoop[] _loops;

    private EventLoopGroup(EventLoop[] loops) => _loops = loops;

    /// <summary>Starts <paramref name="count"/> hosted loops (threads named "<paramref name="name"/> i").</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is below 1 or above <see cref="MaxLoops"/>.</exception>
    public static EventLoopGroup Start(int count, string name = "NodeNet loop")
    {
        ValidateCount(count, nameof(count));
        var loops = new EventLoop[count];
        for (int i = 0; i < count; i++) loops[i] = EventLoop.StartHosted($"{name} {i}");
        return new EventLoopGroup(loops);
    }

    /// <summary>A loop count of 1 to <see cref="MaxLoops"/>, or ArgumentOutOfRangeException naming <paramref name="parameter"/>.</summary>
    internal static void ValidateCount(int count, string parameter)
    {
        if (count is < 1 or > MaxLoops)
            throw NodeErrors.OutOfRange(parameter, $">= 1 && <= {MaxLoops}", count);
    }

    /// <summary>The group's loops.</summary>
    public IReadOnlyList<EventLoop> Loops => _loops;

    /// <summary>How many loops the group has.</summary>
    public int Count => _loops.Length;

    /// <summary>Ends every loop and waits for their threads.</summary>
    public async ValueTask DisposeAsync()
    {
        foreach (var loop in _loops) await loop.DisposeAsync().ConfigureAwait(false);
    }

    /// <inheritdoc cref="DisposeAsync"/>
    public void Dispose()
    {
        foreach (var loop in _loops) loop.Dispose();
    }
}
