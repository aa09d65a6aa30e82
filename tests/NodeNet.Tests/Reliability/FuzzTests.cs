using NodeNet.Testing;
using Xunit;

namespace NodeNet.Tests.Reliability;

/// <summary>Random calls of the whole public API (tests/Shared/ApiFuzzer.cs): each succeeds or answers with a Node code,
/// no loop dies and no call hangs. A short seeded run here; the soak's --full run makes many more.</summary>
public class FuzzTests
{
    [Theory]
    [InlineData(22)]
    [InlineData(2026)]
    public async Task Random_calls_answer_with_Node_codes_and_never_end_the_loop_or_hang(int seed)
    {
        var report = await ApiFuzzer.RunAsync(seed, calls: 5000).WaitAsync(TimeSpan.FromMinutes(3));
        Assert.True(report.Violations.Count == 0, report.ToString());
        Assert.True(report.Succeeded > report.Calls / 4, report.ToString());
        Assert.True(report.Refused > report.Calls / 20, report.ToString()); // the bad arguments were tried, and refused
    }
}
