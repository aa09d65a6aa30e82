using System.Runtime.CompilerServices;

namespace NodeNet.Tests;

/// <summary>A test host that crashes says why: an exception nothing caught (a thread-pool callback's, say) is written to
/// stderr and to nodenet-test-crash.txt in the temp folder before the process ends, where vstest shows only "crashed".</summary>
internal static class CrashLog
{
    [ModuleInitializer]
    internal static void Install() => AppDomain.CurrentDomain.UnhandledException += (_, e) =>
    {
        string text = $"{DateTime.UtcNow:O} unhandled exception (terminating: {e.IsTerminating}):\n{e.ExceptionObject}\n";
        Console.Error.WriteLine(text);
        try { File.AppendAllText(Path.Combine(Path.GetTempPath(), "nodenet-test-crash.txt"), text); } catch (IOException) { }
    };
}
