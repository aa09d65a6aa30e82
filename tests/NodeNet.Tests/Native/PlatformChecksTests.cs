using Xunit;

namespace NodeNet.Tests.Native;

/// <summary>tests/NodeNet.PlatformTests natively here: the checks that build.cake runs under Wine (win-x64) and qemu
/// (linux-arm64) hold on this platform too.</summary>
public class PlatformChecksTests
{
    [Fact]
    public void The_platform_checks_pass_natively()
    {
        string app = Path.Combine(TestLoop.RepoRoot, "tests", "NodeNet.PlatformTests", "bin",
            AppContext.BaseDirectory.Contains("/Release/") ? "Release" : "Debug", "net10.0", "NodeNet.PlatformTests.dll");
        var (code, stdout, stderr) = ProcessRunner.Run("dotnet", [app], timeoutMs: 240_000);
        Assert.True(code == 0, stdout + stderr);
        Assert.Matches(@"platform checks: \d+ passed, 0 failed, 0 limited", stdout);
    }
}
