using Microsoft.Extensions.Logging;
using NodeNet.Uv;

namespace NodeNet.MultiLoop;

/// <summary>
/// The server a group of loops serves, as the multi-loop code sees it: where an accepted connection is admitted (one
/// check for every mode), the one entry point where it becomes the server's on its loop, and what the server learns
/// when counts change or a loop fails. The server implements it; this code knows nothing else of it.
/// </summary>
internal interface ILoopServer
{
    /// <summary>The accepting thread: blockList, then maxConnections; counted if admitted, closed if not.</summary>
    bool Admit(UvStream client, bool fromAnyThread);

    /// <summary><paramref name="loop"/>'s thread: an admitted connection becomes the server's there ('connection').</summary>
    void Adopt(EventLoop loop, int loopIndex, UvStream client);

    /// <summary>Any thread: <paramref name="count"/> admitted connections will never be adopted, or were lost with a loop.</summary>
    void Unreserve(int count);

    /// <summary>Primary thread: 'close' if nothing listens and no connection is left.</summary>
    void CheckDrained();

    /// <summary>Primary thread: one of the loops failed (the counts are settled).</summary>
    void OnLoopFailed(LoopFailedException error);

    /// <summary>Any thread: admitted connections not yet ended.</summary>
    int LiveConnections { get; }

    /// <summary>Primary thread: listening now (a closing server replaces no loop).</summary>
    bool IsListening { get; }

    /// <summary>Primary thread: where it listens, for logs and errors.</summary>
    string AddressText { get; }

    ILogger Log { get; }
}

/// <summary>How a server spreads its connections over loops (from <see cref="ServerOptions"/>).</summary>
internal sealed record LoopSettings(int Loops, EventLoopGroup? Group, LoopMode Mode, LoopDistribution Distribution,
    Func<LoopChoice, int>? ChooseLoop, LoopFailurePolicy Failure);
