using System.Reflection;
using Xunit;

namespace NodeNet.Tests.Conformance;

/// <summary>
/// Each scenarios/NAME.js runs under node; the method of <see cref="Scenarios"/> named after it runs
/// against NodeNet. Both print JSON-line traces, which must be equal once ephemeral ports are named.
/// </summary>
public class ConformanceTests
{
    private static readonly string Dir = Path.Combine(TestLoop.RepoRoot, "tests", "NodeNet.Tests", "Conformance", "scenarios");

    private static IEnumerable<string> Names() =>
        // win-*.js name Windows pipes: they run under Wine, against node.exe, in the Windows test set (build.cake TestWindows).
        Directory.GetFiles(Dir, "*.js").Select(Path.GetFileNameWithoutExtension).Where(n => !n!.StartsWith('_') && !n.StartsWith("win-"))
            .Order()!;

    /// <summary>Every scenario against node 26, and against node 24 except where 24 differs from 26 (NodeNet follows 26).</summary>
    public static IEnumerable<object[]> ScenarioNames() =>
        Names().Select(n => new object[] { n, NodeReference.Version })
            .Concat(Names().Where(n => !NodeReference.SecondDiffers.ContainsKey(n)).Select(n => new object[] { n, NodeReference.SecondVersion }));

    /// <summary>The trace regrouped by its first item (the case) and the first word of its second ("client", "server"),
    /// each group keeping its order.</summary>
    private static List<string> PerSocket(IEnumerable<string> lines) =>
        lines.Select((line, i) => (line, i, key: System.Text.Json.JsonDocument.Parse(line).RootElement is var e && e.GetArrayLength() > 1 &&
                e[1].ValueKind == System.Text.Json.JsonValueKind.String ? e[0].ToString() + " " + e[1].GetString()!.Split(' ')[0] : "#"))
            .OrderBy(x => x.key, StringComparer.Ordinal).ThenBy(x => x.i).Select(x => x.line).ToList();

    [Theory]
    [MemberData(nameof(ScenarioNames))]
    public void Trace_matches_node(string scenario, string node)
    {
        string tmp = TestLoop.TempDir();
        var (code, stdout, stderr) = ProcessRunner.Run(NodeReference.PathOf(node), [Path.Combine(Dir, scenario + ".js")], timeoutMs: 30_000,
            workingDirectory: Dir, env: new Dictionary<string, string> { ["SCENARIO_TMP"] = tmp });
        Assert.True(code == 0, $"node {node} failed on {scenario}.js:\n{stderr}");
        var expected = Trace.Normalize(stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));

        string methodName = string.Concat(scenario.Split('-').Select(w => char.ToUpperInvariant(w[0]) + w[1..]));
        var method = typeof(Scenarios).GetMethod(methodName, BindingFlags.Public | BindingFlags.Static)
            ?? throw new Xunit.Sdk.XunitException($"Scenarios.{methodName} (the C# twin of {scenario}.js) is missing");
        foreach (var entry in Directory.EnumerateFileSystemEntries(tmp)) File.Delete(entry);
        var trace = new Trace { Tmp = tmp };
        TestLoop.Run(() => method.Invoke(null, [trace]), timeoutMs: 30_000);
        var actual = Trace.Normalize(trace.Lines);

        Directory.Delete(tmp, recursive: true);
        if (NodeReference.LibuvOrders.TryGetValue(scenario, out var since) && Version.Parse(EventLoop.LibuvVersion) < since.libuv)
        {
            // Node's libuv is newer: compare what each socket saw, in its own order (NodeNet follows the loaded libuv).
            expected = PerSocket(expected);
            actual = PerSocket(actual);
        }
        if (!expected.SequenceEqual(actual))
            Assert.Fail($"{scenario}: traces differ\n--- node {node}\n{string.Join('\n', expected)}\n--- NodeNet\n{string.Join('\n', actual)}");
    }
}
