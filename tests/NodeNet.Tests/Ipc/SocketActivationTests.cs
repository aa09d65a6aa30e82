using System.Diagnostics;
using System.Text;
using Xunit;
using NetSocket = System.Net.Sockets.Socket;

namespace NodeNet.Tests.Ipc;

/// <summary>systemd socket activation: descriptors passed across exec, TCP and a Unix socket, adopted with Listen({ Fd }).</summary>
public class SocketActivationTests
{
    private static readonly TimeSpan Deadline = LoopHelpers.Deadline;

    [Fact]
    public async Task A_process_started_like_systemd_serves_its_passed_TCP_and_Unix_sockets()
    {
        string path = Path.Combine(TestLoop.TempDir(), "activated.sock");
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string a in new[] { TestHost.Path, "systemd-launch", path }) psi.ArgumentList.Add(a);
        using var child = Process.Start(psi)!;
        try
        {
            async Task<string> Line() => await child.StandardOutput.ReadLineAsync().WaitAsync(Deadline) ?? throw new Xunit.Sdk.XunitException(await child.StandardError.ReadToEndAsync());
            int port = int.Parse((await Line())["port ".Length..]);
            Assert.Equal("inherited 2, LISTEN_FDS now unset", await Line());
            var listening = new[] { await Line(), await Line() };
            Assert.Contains(listening, l => l.StartsWith("web fd 3 listening ") && l.EndsWith($":{port}"));
            Assert.Contains($"control fd 4 listening {path}", listening);

            using var tcp = new NetSocket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
            await tcp.ConnectAsync("127.0.0.1", port);
            Assert.Equal("over tcp", await Echo(tcp, "over tcp"));
            using var unix = new NetSocket(System.Net.Sockets.AddressFamily.Unix, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Unspecified);
            await unix.ConnectAsync(new System.Net.Sockets.UnixDomainSocketEndPoint(path));
            Assert.Equal("over the unix socket", await Echo(unix, "over the unix socket"));
        }
        finally { child.Kill(); }
    }

    private static async Task<string> Echo(NetSocket s, string text)
    {
        await s.SendAsync(Encoding.ASCII.GetBytes(text));
        var buffer = new byte[text.Length];
        int got = 0;
        while (got < buffer.Length) got += await s.ReceiveAsync(buffer.AsMemory(got)).AsTask().WaitAsync(Deadline);
        return Encoding.ASCII.GetString(buffer);
    }

    [Fact]
    public void Sockets_meant_for_another_process_are_not_taken()
    {
        // LISTEN_PID names another process (a parent's variables, inherited by mistake): nothing is ours. This runs in
        // the test process, so the variables are set and removed around the one call.
        Environment.SetEnvironmentVariable("LISTEN_FDS", "2");
        Environment.SetEnvironmentVariable("LISTEN_PID", (Environment.ProcessId + 1).ToString());
        try { Assert.Empty(SocketActivation.Listeners()); }
        finally { Environment.SetEnvironmentVariable("LISTEN_FDS", null); Environment.SetEnvironmentVariable("LISTEN_PID", null); }
        Assert.Null(Environment.GetEnvironmentVariable("LISTEN_FDS"));
    }
}
