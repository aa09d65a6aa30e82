using System.Diagnostics;

namespace NodeNet.PlatformTests;

/// <summary>A known limitation of the environment (Wine), with the reason; counted apart from passes and failures.</summary>
internal sealed class LimitationException(string reason) : Exception(reason);

internal sealed class Report
{
    private int _passed, _failed, _limited;
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    public void Run(string name, Action body) => RunAsync(name, () => { body(); return Task.CompletedTask; }).GetAwaiter().GetResult();

    public async Task RunAsync(string name, Func<Task> body)
    {
        var sw = Stopwatch.StartNew();
        try
        {
            await Task.Run(body).WaitAsync(Deadline);
            if (Environment.GetEnvironmentVariable("PLATFORM_TESTS_GC") == "1") { GC.Collect(); GC.WaitForPendingFinalizers(); }
            _passed++;
            Console.WriteLine($"ok      {name} ({sw.ElapsedMilliseconds} ms)");
        }
        catch (LimitationException e)
        {
            _limited++;
            Console.WriteLine($"limited {name}: {e.Message}");
        }
        catch (Exception e)
        {
            _failed++;
            Console.WriteLine($"FAIL    {name}: {e.GetType().Name}: {e.Message}");
            if (e is not CheckFailed) Console.WriteLine(e.StackTrace);
        }
    }

    public int Summarize()
    {
        Console.WriteLine($"platform checks: {_passed} passed, {_failed} failed, {_limited} limited by the environment");
        return _failed == 0 && _passed > 0 ? 0 : 1;
    }
}

internal sealed class CheckFailed(string message) : Exception(message);

internal static class Expect
{
    public static void That(bool condition, string what) { if (!condition) throw new CheckFailed(what); }
    public static void Equal<T>(T expected, T actual, string what)
    {
        if (!EqualityComparer<T>.Default.Equals(expected, actual)) throw new CheckFailed($"{what}: expected {expected}, got {actual}");
    }
}
