using System.Diagnostics;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Xunit;

namespace NodeNet.Tests.Async;

/// <summary>The async-style samples run as a user would run them.</summary>
public class SampleTests
{
    private static string Dll(string sample)
    {
        string config = AppContext.BaseDirectory.Contains("/Release/") ? "Release" : "Debug";
        string dll = Path.Combine(TestLoop.RepoRoot, "samples", sample, "bin", config, "net10.0", sample + ".dll");
        Assert.True(File.Exists(dll), dll + " is missing: build the solution first");
        return dll;
    }

    [Fact]
    public void TlsEcho_demo_round_trips_over_TLS()
    {
        var (code, stdout, stderr) = ProcessRunner.Run("dotnet", [Dll("TlsEcho"), "--demo"]);
        Assert.True(code == 0, stdout + stderr);
        Assert.Matches(@"Tls1[23] \S+: hello over TLS, through NodeNet", stdout);
    }

    [Fact]
    public async Task Chat_relays_lines_between_members_and_stops_on_ctrl_c()
    {
        var psi = ProcessRunner.WithDefaultSigint("dotnet");
        psi.RedirectStandardOutput = true;
        psi.ArgumentList.Add(Dll("Chat"));
        psi.ArgumentList.Add("0");
        using var chat = Process.Start(psi)!;
        try
        {
            string first = (await chat.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30)))!;
            int port = int.Parse(Regex.Match(first, @"^chat on \[::\]:(\d+)$").Groups[1].Value);
            using var alice = new TcpClient("127.0.0.1", port);
            using var aliceIn = new StreamReader(alice.GetStream());
            Assert.Equal("* you are guest1", await aliceIn.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(10)));
            using var bob = new TcpClient("127.0.0.1", port);
            using var bobIn = new StreamReader(bob.GetStream());
            Assert.Equal("* you are guest2", await bobIn.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(10)));
            Assert.Equal("* guest2 joined", await aliceIn.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(10)));
            await bob.GetStream().WriteAsync("hello, everyone\n"u8.ToArray());
            Assert.Equal("guest2: hello, everyone", await aliceIn.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(10)));
            bob.Close();
            Assert.Equal("* guest2 left", await aliceIn.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(10)));
        }
        finally { ProcessRunner.Run("kill", ["-INT", chat.Id.ToString()]); }
        Assert.True(chat.WaitForExit(15_000), "the chat did not stop on Ctrl+C");
        Assert.Equal(0, chat.ExitCode);
    }
}
