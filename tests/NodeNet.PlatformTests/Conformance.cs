using System.Reflection;
using System.Runtime.ExceptionServices;
using NodeNet.Tests.Conformance;

namespace NodeNet.PlatformTests;

/// <summary>
/// The conformance twins on this platform, against traces that node printed on the same platform (node.exe under Wine
/// for win-x64): for each NAME.node.txt in the folder, the twin Scenarios.Name runs and the normalised traces must match.
/// </summary>
internal static class Conformance
{
    public static IEnumerable<Check> From(string dir) =>
        Directory.GetFiles(dir, "*.node.txt").Order().Select(file =>
        {
            string scenario = Path.GetFileName(file)[..^".node.txt".Length];
            return new Check("conformance " + scenario, () => Task.Run(() => Compare(scenario, file, dir)));
        });

    private static void Compare(string scenario, string nodeTrace, string dir)
    {
        string methodName = string.Concat(scenario.Split('-').Select(w => char.ToUpperInvariant(w[0]) + w[1..]));
        var method = typeof(Scenarios).GetMethod(methodName, BindingFlags.Public | BindingFlags.Static)
            ?? throw new CheckFailed($"Scenarios.{methodName}, the twin of {scenario}.js, is missing");
        // The folder node used (written by the build beside its trace): short enough for a socket path.
        string tmp = File.ReadAllText(Path.Combine(dir, scenario + ".tmp.txt")).Trim();
        Directory.CreateDirectory(tmp);
        foreach (string entry in Directory.EnumerateFileSystemEntries(tmp)) File.Delete(entry);
        var trace = new Trace { Tmp = tmp };
        Exception? error = null;
        var thread = new Thread(() =>
        {
            try { EventLoop.Run(() => method.Invoke(null, [trace])); }
            catch (TargetInvocationException e) { error = e.InnerException; }
            catch (Exception e) { error = e; }
        }) { IsBackground = true };
        thread.Start();
        if (!thread.Join(TimeSpan.FromSeconds(30))) throw new CheckFailed("the twin did not finish within 30 s");
        if (error != null) ExceptionDispatchInfo.Throw(error);
        var expected = Trace.Normalize(File.ReadAllLines(nodeTrace).Where(l => l.StartsWith('[')));
        var actual = Trace.Normalize(trace.Lines);
        if (!expected.SequenceEqual(actual))
            throw new CheckFailed($"traces differ\n--- node\n{string.Join('\n', expected)}\n--- NodeNet\n{string.Join('\n', actual)}");
    }
}
