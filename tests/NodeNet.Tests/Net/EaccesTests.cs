using Xunit;

namespace NodeNet.Tests.NetParity;

/// <summary>test-net-listen-error-eacces in spirit: a privileged port as an unprivileged user, NodeNet against node.
/// Root may bind anything, so when the tests run as root both sides run as 'nobody'.</summary>
public class EaccesTests
{
    private static string[] AsUnprivileged(params string[] command) =>
        Environment.UserName == "root" ? ["runuser", "-u", "nobody", "--", .. command] : command;

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void Privileged_port_gives_EACCES_with_the_IPv4_fallback_address_as_in_node()
    {
        string script = "require('net').createServer().on('error', e => console.log(e.message)).listen(81)";
        var node = AsUnprivileged("node", "-e", script);
        var (_, nodeOut, nodeErr) = ProcessRunner.Run(node[0], node[1..]);
        Assert.Equal("listen EACCES: permission denied 0.0.0.0:81", nodeOut.Trim() + nodeErr.Trim());

        // 'nobody' may not be able to reach the checkout (a clone under /root or a private temp folder), so it runs a
        // copy of the sample from a directory of its own that everyone can read.
        string built = Path.Combine(TestLoop.RepoRoot, "samples", "Echo", "bin",
            AppContext.BaseDirectory.Contains("/Release/") ? "Release" : "Debug", "net10.0");
        string copy = Path.Combine("/tmp", "nodenet-eacces-" + Guid.NewGuid().ToString("N")[..12]); // not $TMPDIR: it may be private
        CopyReadable(built, copy);
        var ours = AsUnprivileged("dotnet", Path.Combine(copy, "Echo.dll"), "81");
        var (code, outText, errText) = ProcessRunner.Run(ours[0], ours[1..], workingDirectory: copy);
        Directory.Delete(copy, recursive: true);
        Assert.Equal(1, code);
        Assert.Equal(nodeOut.Trim(), errText.Trim());
        Assert.Equal("", outText.Trim());
    }

    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private static void CopyReadable(string from, string to)
    {
        var dirMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead |
            UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;
        Directory.CreateDirectory(to, dirMode);
        foreach (string dir in Directory.GetDirectories(from, "*", SearchOption.AllDirectories))
            Directory.CreateDirectory(Path.Combine(to, Path.GetRelativePath(from, dir)), dirMode);
        foreach (string file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            string target = Path.Combine(to, Path.GetRelativePath(from, file));
            File.Copy(file, target);
            File.SetUnixFileMode(target, File.GetUnixFileMode(target) | UnixFileMode.OtherRead | UnixFileMode.GroupRead);
        }
    }
}
