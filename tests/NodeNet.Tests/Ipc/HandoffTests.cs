using System.Diagnostics;
using System.Text;
using Xunit;

namespace NodeNet.Tests.Ipc;

/// <summary>samples/Handoff end to end: process A serves, process B takes its listening socket over a Unix socket, A
/// stops accepting, drains and exits, B serves on; a load generator runs all the while and must see no failure.</summary>
public class HandoffTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    private static Process Start(string file, params string[] args)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string a in args) psi.ArgumentList.Add(a);
        return Process.Start(psi)!;
    }

    [Fact]
    public async Task A_restart_under_load_loses_no_connection_and_no_byte()
    {
        string dir = TestLoop.TempDir();
        string netload = Path.Combine(dir, "netload");
        var (cc, _, ccError) = ProcessRunner.Run(ProcessRunner.CCompiler, ["-O2", "-o", netload, Path.Combine(TestLoop.RepoRoot, "bench", "netload.c")]);
        Assert.True(cc == 0, ccError);
        string handoff = Path.Combine(TestLoop.RepoRoot, "samples", "Handoff", "bin",
            AppContext.BaseDirectory.Contains("/Release/") ? "Release" : "Debug", "net10.0", "Handoff.dll");
        string control = Path.Combine(dir, "control.sock");

        using var a = Start("dotnet", handoff, "serve", "0", control);
        Process? b = null;
        try
        {
            string first = await a.StandardOutput.ReadLineAsync().WaitAsync(Deadline) ?? "";
            Assert.Matches(@"^serving \d+ \d+$", first);
            string port = first.Split(' ')[1];
            // New connections all along (churn), and long ones that stay on A until the load ends (ping-pong).
            int baseline = Sockets(a.Id);
            using var churn = Start(netload, "--mode", "connrate", "--conns", "20", "--size", "64", "--duration", "4", "--port", port, "--verify");
            using var held = Start(netload, "--mode", "pingpong", "--conns", "20", "--size", "256", "--duration", "4", "--port", port, "--verify");
            // B starts only once A has accepted the held connections, so the handoff happens under load that A carries.
            var waited = Stopwatch.StartNew();
            while (Sockets(a.Id) < baseline + 20)
            {
                Assert.True(waited.Elapsed < Deadline, $"A accepted {Sockets(a.Id) - baseline} of the 20 held connections");
                await Task.Yield();
            }
            b = Start("dotnet", handoff, "take", control);
            Assert.Equal($"serving {port} {b.Id}", await b.StandardOutput.ReadLineAsync().WaitAsync(Deadline));
            var churned = Proc(await churn.StandardOutput.ReadToEndAsync().WaitAsync(Deadline));
            var pinged = Proc(await held.StandardOutput.ReadToEndAsync().WaitAsync(Deadline));
            Assert.Equal("drained, exiting", await a.StandardOutput.ReadLineAsync().WaitAsync(Deadline));
            await a.WaitForExitAsync().WaitAsync(Deadline);
            Assert.Equal(0, a.ExitCode);

            foreach (var r in new[] { churned, pinged })
            {
                Assert.True(r["ops"] > 0, "no round trips at all");
                Assert.Equal(0, r["errors"]);      // no connection refused, reset or cut short
                Assert.Equal(0, r["mismatches"]);  // no byte lost or changed
            }
            Assert.True(churned["min_conn_ops"] > 0);

            // A is gone; B serves the same port.
            await using var c = await Net.ConnectAsync(int.Parse(port), "127.0.0.1").WaitAsync(Deadline);
            await c.WriteAsync("after the handoff"u8.ToArray()).WaitAsync(Deadline);
            var buffer = new byte[17];
            int got = 0;
            while (got < buffer.Length) got += await c.ReadAsync(buffer.AsMemory(got)).AsTask().WaitAsync(Deadline);
            Assert.Equal("after the handoff", Encoding.ASCII.GetString(buffer));
        }
        finally
        {
            if (!a.HasExited) a.Kill();
            if (b != null) { if (!b.HasExited) b.Kill(); b.Dispose(); }
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>The sockets process <paramref name="pid"/> has open (each accepted connection is one).</summary>
    private static int Sockets(int pid) => new DirectoryInfo($"/proc/{pid}/fd").EnumerateFileSystemInfos().Count(IsSocket);

    private static bool IsSocket(FileSystemInfo fd)
    {
        try { return fd.LinkTarget?.StartsWith("socket:", StringComparison.Ordinal) == true; }
        catch (IOException) { return false; } // closed since the listing (the churn's connections come and go)
    }

    /// <summary>netload's key=value line, numbers only.</summary>
    private static Dictionary<string, long> Proc(string line) =>
        line.Trim().Split(' ').Select(kv => kv.Split('=')).Where(kv => kv.Length == 2 && kv[0] != "mode")
            .ToDictionary(kv => kv[0], kv => (long)double.Parse(kv[1], System.Globalization.CultureInfo.InvariantCulture));
}
