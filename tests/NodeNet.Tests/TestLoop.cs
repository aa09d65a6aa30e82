using System.Reflection;
using System.Runtime.ExceptionServices;

namespace NodeNet.Tests;

/// <summary>Runs a Node-style loop on its own thread with a deadline, so a hang fails the test instead of stalling the run.</summary>
internal static class TestLoop
{
    public const int DefaultTimeoutMs = 20_000;

    public static void Run(Action main, int timeoutMs = DefaultTimeoutMs) => RunCore(() => EventLoop.Run(main), timeoutMs);

    public static void Run(Func<Task> main, int timeoutMs = DefaultTimeoutMs) => RunCore(() => EventLoop.Run(main), timeoutMs);

    private static void RunCore(Action run, int timeoutMs)
    {
        Exception? error = null;
        var thread = new Thread(() =>
        {
            try { run(); }
            catch (Exception e) { error = e; }
        }) { IsBackground = true, Name = "test loop" };
        thread.Start();
        if (!thread.Join(timeoutMs)) throw new TimeoutException($"The event loop did not finish within {timeoutMs} ms.");
        if (error != null) ExceptionDispatchInfo.Throw(error);
    }

    public static string RepoRoot { get; } = typeof(TestLoop).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .First(a => a.Key == "RepoRoot").Value!;

    public static string TempDir()
    {
        string dir = Path.Combine(Path.GetTempPath(), "nodenet-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(dir);
        return dir;
    }
}
