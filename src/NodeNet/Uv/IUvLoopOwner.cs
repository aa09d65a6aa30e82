namespace NodeNet.Uv;

/// <summary>What the Uv layer asks of whoever runs a loop (the EventLoop above it): whether callbacks may run now (not
/// while the loop tears down), where an exception a callback throws goes (never into libuv), and what runs after each
/// callback (Node's nextTick queue and microtasks).</summary>
internal interface IUvLoopOwner
{
    bool UserCallbacksAllowed { get; }
    void ReportUncaught(Exception error);
    void AfterCallback();
}
