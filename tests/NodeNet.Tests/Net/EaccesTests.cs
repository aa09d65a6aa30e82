using Xunit;

namespace NodeNet.Tests.NetParity;

/// <summary>test-net-listen-error-eacces in spirit: a privileged port as an unprivileged user, NodeNet against node.
/// Root may bind anything, so when the tests run as root both sides run as 'nobody'.</summary>
public class EaccesTests
{
    private static string[] AsUnprivileged(params string[] command) =>
        Environment.UserName == "root" ? ["runuser", "-u", "nobody", "--", .. command] : command;

    [Fact]
    public void Privileged_port_gives_EACCES_with_the_IPv4_fallback_address_as_in_node()
    {
        string script = "require('net').createServer().on('error', e => console.log(e.message)).listen(81)";
        var node = AsUnprivileged("node", "-e", script);
        var (_, nodeOut, nodeErr) = ProcessRunner.Run(node[0], node[1..]);
        Assert.Equal("listen EACCES: permission denied 0.0.0.0:81", nodeOut.Trim() + nodeErr.Trim());

        string echo = Path.Combine(TestLoop.RepoRoot, "samples", "Echo", "bin",
            AppContext.BaseDirectory.Contains("/Release/") ? "Release" : "Debug", "net10.0", "Echo.dll");
        var ours = AsUnprivileged("dotnet", echo, "81");
        var (code, outText, errText) = ProcessRunner.Run(ours[0], ours[1..]);
        Assert.Equal(1, code);
        Assert.Equal(nodeOut.Trim(), errText.Trim());
        Assert.Equal("", outText.Trim());
    }
}
