namespace NodeNet.Tests;

/// <summary>tests/NodeNet.TestHost, built beside the tests, for scenarios that need a process of their own.</summary>
internal static class TestHost
{
    public static string Path { get; } = System.IO.Path.Combine(TestLoop.RepoRoot, "tests", "NodeNet.TestHost", "bin",
        AppContext.BaseDirectory.Contains("/Release/") ? "Release" : "Debug", "net10.0", "NodeNet.TestHost.dll");
}
