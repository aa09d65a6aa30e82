using System.Text.RegularExpressions;
using Xunit;

namespace NodeNet.Tests.Conformance;

/// <summary>docs/test-net-port.md tells the truth: every file it calls ported names a scenario that is in the suite,
/// and its counts are the rows'.</summary>
public class TestNetTableTests
{
    private static readonly string Table = File.ReadAllText(Path.Combine(TestLoop.RepoRoot, "docs", "test-net-port.md"));

    private static IEnumerable<(string file, string status)> Rows() =>
        Regex.Matches(Table, @"^\| (test-net-[\w.-]+\.m?js) \| ([^|]*) \|", RegexOptions.Multiline)
            .Select(m => (m.Groups[1].Value, m.Groups[2].Value.Trim()));

    [Fact]
    public void Every_ported_file_names_a_scenario_of_the_suite()
    {
        string dir = Path.Combine(TestLoop.RepoRoot, "tests", "NodeNet.Tests", "Conformance", "scenarios");
        var ported = Rows().Where(r => r.status.StartsWith("ported")).ToList();
        Assert.NotEmpty(ported);
        foreach (var (file, status) in ported)
        {
            var name = Regex.Match(status, "`([\\w-]+)`");
            Assert.True(name.Success, $"{file}: 'ported' names no scenario");
            Assert.True(File.Exists(Path.Combine(dir, name.Groups[1].Value + ".js")), $"{file}: scenario {name.Groups[1].Value} is not in the suite");
        }
    }

    [Fact]
    public void The_counts_are_the_rows()
    {
        var rows = Rows().ToList();
        int Count(string label) => int.Parse(Regex.Match(Table, $@"^\| {Regex.Escape(label)} \| (\d+)", RegexOptions.Multiline).Groups[1].Value);
        // The newer-than-25.8.1 table is counted apart ("Plus one file newer ...").
        int newer = Table.Contains("## Newer") ? Regex.Matches(Table[Table.IndexOf("## Newer")..], @"^\| test-net-", RegexOptions.Multiline).Count : 0;
        var catalog = rows.Take(rows.Count - newer).ToList();
        Assert.Equal(Count("ported, passing against node 26 and node 24") + Count("ported, passing against node 26 (node 24 differs from 26 by design: `NodeReference.SecondDiffers`)"),
            catalog.Count(r => r.status.StartsWith("ported")));
        Assert.Equal(Count("n/a"), catalog.Count(r => r.status.StartsWith("n/a")));
        Assert.Equal(0, catalog.Count(r => r.status.StartsWith("needs") || r.status.StartsWith("differs")));
        Assert.True(catalog.Count(r => r.status.StartsWith("ported")) >= 100);
    }
}
