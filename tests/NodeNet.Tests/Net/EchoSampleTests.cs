using System.Diagnostics;
using Xunit;

namespace NodeNet.Tests.NetParity;

/// <summary>The README's main job: samples/Echo serves 20 concurrent 16 MiB round trips byte for byte and stops cleanly on SIGTERM.</summary>
public class EchoSampleTests
{
    private static string EchoDll()
    {
        string config = typeof(EchoSampleTests).Assembly.Location.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}") ? "Release" : "Debug";
        string dll = Path.Combine(TestLoop.RepoRoot, "samples", "Echo", "bin", config, "net10.0", "Echo.dll");
        Assert.True(File.Exists(dll), $"{dll} is missing: build the solution first");
        return dll;
    }

    [Fact]
    public async Task Echo_round_trips_16_MiB_on_20_connections_and_stops_on_SIGTERM()
    {
        string dll = EchoDll();
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(dll);
        psi.ArgumentList.Add("0");
        using var server = Process.Start(psi)!;
        try
        {
            string? first = await server.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30));
            Assert.NotNull(first);
            var m = System.Text.RegularExpressions.Regex.Match(first!, @"^listening on \[::\]:(\d+)$");
            Assert.True(m.Success, first);
            var (code, stdout, stderr) = ProcessRunner.Run("dotnet", [dll, "--check", m.Groups[1].Value, "--connections", "20", "--megabytes", "16"], timeoutMs: 120_000);
            Assert.True(code == 0, stdout + stderr);
            Assert.Contains("20 of 20 connections echoed 16 MiB byte for byte", stdout);
        }
        finally
        {
            ProcessRunner.Run("kill", ["-TERM", server.Id.ToString()]);
        }
        Assert.True(server.WaitForExit(15_000), "the echo server did not stop on SIGTERM");
        Assert.Equal(0, server.ExitCode);
        Assert.Equal("closed", (await server.StandardOutput.ReadToEndAsync()).Trim());
    }

    [Theory]
    [InlineData("SIGTERM")]
    [InlineData("SIGINT")]
    public async Task Echo_on_a_socket_path_leaves_no_file_behind(string signal)
    {
        string path = Path.Combine(TestLoop.TempDir(), "echo.sock");
        var psi = ProcessRunner.WithDefaultSigint("dotnet");
        psi.RedirectStandardOutput = true;
        psi.ArgumentList.Add(EchoDll());
        psi.ArgumentList.Add(path);
        using var server = Process.Start(psi)!;
        try
        {
            Assert.Equal($"listening on {path}", await server.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30)));
            var (code, stdout, stderr) = ProcessRunner.Run("dotnet", [EchoDll(), "--check", path, "--connections", "4", "--megabytes", "4"], timeoutMs: 60_000);
            Assert.True(code == 0, stdout + stderr);
            Assert.True(File.Exists(path));
        }
        finally
        {
            ProcessRunner.Run("kill", ["-" + signal[3..], server.Id.ToString()]);
        }
        Assert.True(server.WaitForExit(15_000));
        Assert.Equal(0, server.ExitCode);
        Assert.False(File.Exists(path), "the socket file was left behind");
    }
}
