using System.Text.RegularExpressions;
using Xunit;

namespace NodeNet.Tests;

/// <summary>The docs' C# examples are compiled code: each ```csharp block (and each &lt;pre lang="csharp"&gt; in a table)
/// must appear in docs/examples/*.cs,
/// which this test project compiles. A snippet that drifts from the API fails the build or this test.</summary>
public class DocsTests
{
    private static string[] Normalize(string text) =>
        text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith("using ")).ToArray();

    public static IEnumerable<object[]> Pages()
    {
        yield return ["README.md"];
        foreach (var page in Directory.GetFiles(Path.Combine(TestLoop.RepoRoot, "docs"), "*.md").Order())
            yield return [Path.Combine("docs", Path.GetFileName(page))];
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public void Every_csharp_block_is_compiled_code(string page)
    {
        string text = File.ReadAllText(Path.Combine(TestLoop.RepoRoot, page));
        var compiled = Directory.GetFiles(Path.Combine(TestLoop.RepoRoot, "docs", "examples"), "*.cs")
            .Select(f => (lines: Normalize(File.ReadAllText(f)), all: File.ReadAllLines(f).Select(l => l.Trim()).ToHashSet())).ToList();
        var blocks = Regex.Matches(text, "```csharp\n(.*?)```", RegexOptions.Singleline).Select(m => m.Groups[1].Value)
            // Tables hold code as <pre lang="csharp"> with its line breaks and brackets escaped.
            .Concat(Regex.Matches(text, "<pre lang=\"csharp\">(.*?)</pre>", RegexOptions.Singleline)
                .Select(m => System.Net.WebUtility.HtmlDecode(m.Groups[1].Value))).ToList();
        foreach (var block in blocks)
        {
            var lines = Normalize(block);
            // Usings are left out of the match, except an alias (using Socket = NodeNet.Socket;), which is what some
            // examples teach: the file that compiles the example must declare it too.
            var aliases = block.Split('\n').Select(l => l.Trim()).Where(l => Regex.IsMatch(l, @"^using \w+ = ")).ToList();
            bool found = compiled.Any(file => aliases.All(file.all.Contains) &&
                Enumerable.Range(0, Math.Max(0, file.lines.Length - lines.Length + 1)).Any(i => file.lines.AsSpan(i, lines.Length).SequenceEqual(lines)));
            Assert.True(found, $"{page}: this example is not in docs/examples/*.cs, so it is not compiled:\n{block}");
        }
    }

    [Fact]
    public void The_four_pages_exist()
    {
        foreach (var page in new[] { "coming-from-node.md", "differences-from-node.md", "threading-model.md", "native-library.md" })
            Assert.True(File.Exists(Path.Combine(TestLoop.RepoRoot, "docs", page)), page);
    }
}
