using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using Xunit;

namespace NodeNet.Hosting.Tests;

/// <summary>samples/Hosted as a user runs it: a process, real clients, and SIGTERM with a client still connected.</summary>
public class HostedSampleTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    private static string RepoRoot => typeof(HostedSampleTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .First(a => a.Key == "RepoRoot").Value!;

    [Fact]
    public async Task The_sample_serves_both_servers_and_stops_within_its_shutdown_timeout_on_SIGTERM()
    {
        if (OperatingSystem.IsWindows()) return; // SIGTERM
        string dll = Path.Combine(RepoRoot, "samples", "Hosted", "bin",
            typeof(HostedSampleTests).Assembly.Location.Contains("/Debug/") ? "Debug" : "Release", "net10.0", "Hosted.dll");
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string a in new[] { dll, "--Echo:Port", "0", "--Upper:Port", "0", "--Host:ShutdownTimeoutSeconds", "2", "--Logging:LogLevel:Default", "Warning" })
            psi.ArgumentList.Add(a);
        using var process = Process.Start(psi)!;
        var stderr = process.StandardError.ReadToEndAsync();
        try
        {
            var ports = new Dictionary<string, int>();
            while (ports.Count < 2)
            {
                string line = await process.StandardOutput.ReadLineAsync().WaitAsync(Deadline)
                    ?? throw new Exception("the sample exited: " + await stderr);
                var m = Regex.Match(line, @"^(\w+) listening on 127\.0\.0\.1:(\d+)$");
                if (m.Success) ports[m.Groups[1].Value] = int.Parse(m.Groups[2].Value);
            }

            using var echo = new TcpClient();
            await echo.ConnectAsync(IPAddress.Loopback, ports["echo"]);
            await echo.GetStream().WriteAsync("ping"u8.ToArray());
            var four = new byte[4];
            await echo.GetStream().ReadExactlyAsync(four).AsTask().WaitAsync(Deadline);
            Assert.Equal("ping", Encoding.ASCII.GetString(four));

            using var upper = new TcpClient();
            await upper.ConnectAsync(IPAddress.Loopback, ports["upper"]);
            var reader = new StreamReader(upper.GetStream());
            await upper.GetStream().WriteAsync("hello there\n"u8.ToArray());
            Assert.Equal("HELLO THERE", await reader.ReadLineAsync().WaitAsync(Deadline));

            // Both clients stay connected and never end: SIGTERM must still stop the process within the timeout.
            var clock = Stopwatch.StartNew();
            Process.Start("kill", $"-TERM {process.Id}")!.WaitForExit();
            Assert.Equal("BYE", await reader.ReadLineAsync().WaitAsync(Deadline)); // the handler saw stopping
            Assert.Null(await reader.ReadLineAsync().WaitAsync(Deadline));        // then FIN
            Assert.Equal(0, await echo.GetStream().ReadAsync(four).AsTask().WaitAsync(Deadline)); // the echo connection was ended
            await process.WaitForExitAsync().WaitAsync(Deadline);
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(8), $"the sample took {clock.Elapsed} to stop");
            Assert.Equal(0, process.ExitCode);
            Assert.Equal("stopped", (await process.StandardOutput.ReadToEndAsync()).Trim());
        }
        finally
        {
            if (!process.HasExited) process.Kill();
        }
    }
}
