using System.Diagnostics;
using Xunit;
using NetSocket = System.Net.Sockets.Socket;

namespace NodeNet.Tests.Reliability;

/// <summary>At the descriptor limit (accept gives EMFILE) teardown still works: nothing on that path may need a new
/// descriptor. Runs in a child process, whose limit it lowers.</summary>
public class DescriptorLimitTests
{
    [Fact]
    public async Task The_first_Destroy_at_the_descriptor_limit_succeeds()
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(TestHost.Path);
        psi.ArgumentList.Add("emfile");
        using var child = Process.Start(psi)!;
        var stderr = child.StandardError.ReadToEndAsync();
        try
        {
            string first = await child.StandardOutput.ReadLineAsync().WaitAsync(LoopHelpers.Deadline) ?? "";
            Assert.StartsWith("port ", first);
            int port = int.Parse(first[5..]);
            var clients = new List<NetSocket>();
            for (int i = 0; i < 4; i++)
            {
                var c = new NetSocket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
                await c.ConnectAsync("127.0.0.1", port);
                clients.Add(c);
            }
            string rest = await child.StandardOutput.ReadToEndAsync().WaitAsync(LoopHelpers.Deadline);
            await child.WaitForExitAsync().WaitAsync(LoopHelpers.Deadline);
            foreach (var c in clients) c.Dispose();
            Assert.True(child.ExitCode == 0, $"exit {child.ExitCode}\n{rest}\n{await stderr}");
            Assert.Contains("connect EMFILE", rest);
            Assert.Contains("destroyed 4", rest);
            Assert.Contains("closed", rest);
        }
        finally { if (!child.HasExited) child.Kill(); }
    }
}
