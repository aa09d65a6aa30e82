using NodeNet.Native;
using Xunit;

namespace NodeNet.Tests.NetParity;

/// <summary>Local endpoints safer than Node's: each feature with its negative case.</summary>
public class PipeBeyondNodeTests
{
    private static INodeError? ListenError(ListenOptions options, Action<Server>? onListening = null)
    {
        INodeError? error = null;
        TestLoop.Run(() =>
        {
            var s = Net.CreateServer();
            s.On<Exception>("error", e => error = (INodeError)e);
            s.Listen(options, () => { onListening?.Invoke(s); s.Close(); });
        });
        return error;
    }

    [Fact]
    public void Too_long_path_fails_clearly_instead_of_binding_a_truncated_name()
    {
        string dir = TestLoop.TempDir();
        string path = Path.Combine(dir, new string('x', 120));
        var e = ListenError(new ListenOptions { Path = path });
        Assert.Equal("EINVAL", e!.Code); // Node 22 and later
        Assert.Equal("listen", e.Syscall);
        Assert.Equal(path, e.Address);
        Assert.Empty(Directory.GetFileSystemEntries(dir)); // Node 20 leaves a truncated socket file here

        INodeError? connectError = null;
        TestLoop.Run(() => Net.Connect(path).On<Exception>("error", x => connectError = (INodeError)x));
        Assert.Equal("EINVAL", connectError!.Code);
        Assert.Equal($"connect EINVAL {path} - Local (undefined:undefined)", connectError.Message);
    }

    [Fact]
    public void Longest_path_that_fits_still_works()
    {
        string dir = TestLoop.TempDir();
        string path = Path.Combine(dir, new string('y', 107 - dir.Length - 1));
        Assert.Equal(107, path.Length);
        bool listened = false;
        Assert.Null(ListenError(new ListenOptions { Path = path }, s => listened = s.Address()!.Address == path));
        Assert.True(listened);
    }

    /// <summary>A socket file nobody accepts on, as a crashed server leaves it.</summary>
    private static string StaleSocket(string dir)
    {
        string path = Path.Combine(dir, "stale.sock");
        Assert.Equal(0, UnixSocket.Bind(path, out int fd));
        Libc.close(fd);
        Assert.True(UnixSocket.Stat(path) is { } st && UnixSocket.IsSocket(st.mode));
        return path;
    }

    [Fact]
    public void ReclaimStale_takes_over_a_dead_socket_file()
    {
        string path = StaleSocket(TestLoop.TempDir());
        Assert.Equal("EADDRINUSE", ListenError(new ListenOptions { Path = path })!.Code); // Node's behaviour without it
        string? echoed = null;
        TestLoop.Run(() =>
        {
            var s = Net.CreateServer(sock => sock.On<byte[]>("data", d => sock.End(d)));
            s.Listen(new ListenOptions { Path = path, ReclaimStale = true }, () =>
            {
                var c = Net.Connect(path);
                c.SetEncoding("utf8");
                c.Write("reclaimed");
                c.On<string>("data", d => echoed = d);
                c.On("close", () => s.Close());
            });
        });
        Assert.Equal("reclaimed", echoed);
        Assert.False(File.Exists(path));
    }

    [Fact]
    public void ReclaimStale_never_takes_a_live_servers_path_nor_a_regular_file()
    {
        string dir = TestLoop.TempDir();
        string live = Path.Combine(dir, "live.sock");
        INodeError? error = null;
        string? stillServing = null;
        TestLoop.Run(() =>
        {
            // ReclaimStale probes the path with a connection, which the live server sees and may write to after it is gone.
            var first = Net.CreateServer(sock => { sock.On<Exception>("error", _ => { }); sock.End("first"); });
            first.Listen(live, () =>
            {
                var second = Net.CreateServer();
                second.On<Exception>("error", e =>
                {
                    error = (INodeError)e;
                    var c = Net.Connect(live);
                    c.SetEncoding("utf8");
                    c.On<string>("data", d => stillServing = d);
                    c.On("close", () => first.Close());
                });
                second.Listen(new ListenOptions { Path = live, ReclaimStale = true });
            });
        });
        Assert.Equal("EADDRINUSE", error!.Code);
        Assert.Equal("first", stillServing);

        string file = Path.Combine(dir, "data.txt");
        File.WriteAllText(file, "keep me");
        Assert.Equal("EADDRINUSE", ListenError(new ListenOptions { Path = file, ReclaimStale = true })!.Code);
        Assert.Equal("keep me", File.ReadAllText(file));
    }

    [Fact]
    public void Closing_an_old_server_does_not_delete_a_restarted_servers_socket()
    {
        string path = Path.Combine(TestLoop.TempDir(), "svc.sock");
        string? answer = null;
        TestLoop.Run(() =>
        {
            var old = Net.CreateServer();
            old.Listen(path, () =>
            {
                File.Delete(path); // an operator or a new deployment removes it...
                var restarted = Net.CreateServer(sock => sock.End("new"));
                restarted.Listen(path, () => // ...and binds a new socket at the same path
                {
                    old.Close(_ =>
                    {
                        Assert.True(File.Exists(path), "the old server removed the new server's socket");
                        var c = Net.Connect(path);
                        c.SetEncoding("utf8");
                        c.On<string>("data", d => answer = d);
                        c.On("close", () => restarted.Close());
                    });
                });
            });
        });
        Assert.Equal("new", answer);
        Assert.False(File.Exists(path));
    }

    [Fact]
    public void Mode_is_exact_and_applied_before_anyone_can_connect()
    {
        string dir = TestLoop.TempDir();
        string path = Path.Combine(dir, "private.sock");
        string? modeAtListening = null;
        Assert.Null(ListenError(new ListenOptions { Path = path, Mode = (UnixFileMode)Convert.ToInt32("600", 8) },
            _ => modeAtListening = Conformance.Trace.Mode(path)));
        Assert.Equal("600", modeAtListening);
    }

    private static string ConnectAs(string user, string path)
    {
        string script = $"const c = require('net').connect({System.Text.Json.JsonSerializer.Serialize(path)}); " +
                        "c.on('connect', () => { console.log('connected'); c.destroy(); }); c.on('error', e => console.log(e.code));";
        string[] cmd = Environment.UserName == "root" ? ["runuser", "-u", user, "--", "node", "-e", script] : ["node", "-e", script];
        return ProcessRunner.Run(cmd[0], cmd[1..]).stdout.Trim();
    }

    [Theory]
    [InlineData("600")]
    [InlineData("666")] // bits the usual umask (022) removes at creation, added back on the same file
    public void Mode_is_on_the_socket_file_from_the_moment_bind_creates_it(string mode)
    {
        string path = Path.Combine(TestLoop.TempDir(), "moded.sock");
        Assert.Equal(0, UnixSocket.Bind(path, out int fd, Convert.ToInt32(mode, 8)));
        try { Assert.Equal(mode, Conformance.Trace.Mode(path)); } // bound, not yet listening: nobody saw another mode
        finally { Libc.close(fd); }
    }

    [Fact]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public void Setting_the_mode_never_follows_a_symbolic_link_swapped_in_for_the_socket()
    {
        string dir = TestLoop.TempDir();
        string target = Path.Combine(dir, "secret");
        File.WriteAllText(target, "not for everyone");
        File.SetUnixFileMode(target, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        string path = Path.Combine(dir, "swapped.sock");
        File.CreateSymbolicLink(path, target);
        Assert.Equal(UvErrorsForTests.Code("EPERM"), UnixSocket.SetModeOfOwnSocket(path, Convert.ToInt32("666", 8)));
        Assert.Equal("600", Conformance.Trace.Mode(target));
        // Nor is a file that is not a socket changed.
        File.Delete(path);
        File.Copy(target, path);
        Assert.Equal(UvErrorsForTests.Code("EPERM"), UnixSocket.SetModeOfOwnSocket(path, Convert.ToInt32("666", 8)));
        Assert.Equal("600", Conformance.Trace.Mode(path));
    }

    [Fact]
    public void Another_user_is_refused_under_Mode_600_and_admitted_under_666()
    {
        if (Environment.UserName != "root") return; // needs a second user; CI runs as root
        string dir = TestLoop.TempDir();
        var results = new Dictionary<string, string>();
        TestLoop.Run(() =>
        {
            var loop = EventLoop.Current!;
            void Try(string mode, Action next)
            {
                string path = Path.Combine(dir, mode + ".sock");
                var s = Net.CreateServer(sock => sock.Destroy());
                s.Listen(new ListenOptions { Path = path, Mode = (UnixFileMode)Convert.ToInt32(mode, 8) }, () =>
                {
                    // The other user's attempt runs on a pool thread while this loop keeps accepting.
                    Task.Run(() => ConnectAs("nobody", path)).ContinueWith(r => loop.Post(() =>
                    {
                        results[mode] = r.Result;
                        s.Close(_ => next());
                    }));
                });
            }
            Try("600", () => Try("666", () => { }));
        });
        Assert.Equal("EACCES", results["600"]);
        Assert.Equal("connected", results["666"]);
    }

    [Fact]
    public void Mode_cannot_be_used_with_abstract_sockets_or_readableAll()
    {
        TestLoop.Run(() =>
        {
            var s = Net.CreateServer();
            Assert.Equal("ERR_INVALID_ARG_VALUE", NodeAssert.Throws(() => s.Listen(new ListenOptions { Path = "\0abs", Mode = (UnixFileMode)0x180 })).Code);
            Assert.Equal("ERR_INVALID_ARG_VALUE", NodeAssert.Throws(() => s.Listen(new ListenOptions { Path = "/tmp/x.sock", Mode = (UnixFileMode)0x180, ReadableAll = true })).Code);
            Assert.Equal("ERR_OUT_OF_RANGE", NodeAssert.Throws(() => s.Listen(new ListenOptions { Path = "/tmp/x.sock", Mode = UnixFileMode.SetUser })).Code);
        });
    }

    [Fact]
    public void Peer_credentials_name_this_process_on_both_ends_and_are_null_on_TCP()
    {
        PeerCredentials? accepted = null, connected = null, tcp = null;
        string path = Path.Combine(TestLoop.TempDir(), "cred.sock");
        TestLoop.Run(() =>
        {
            var s = Net.CreateServer(sock => { accepted = sock.PeerCredentials; sock.End(); });
            s.Listen(path, () =>
            {
                var c = Net.Connect(path, () => { });
                c.On("connect", () => connected = c.PeerCredentials);
                c.Resume();
                c.On("close", () =>
                {
                    s.Close();
                    var t = Net.CreateServer(sock => { tcp = sock.PeerCredentials; sock.End(); });
                    t.Listen(0, "127.0.0.1", () =>
                    {
                        var tc = Net.Connect(t.Address()!.Port, "127.0.0.1");
                        tc.Resume();
                        tc.On("close", () => t.Close());
                    });
                });
            });
        });
        uint uid = uint.Parse(ProcessRunner.Run("id", ["-u"]).stdout.Trim());
        uint gid = uint.Parse(ProcessRunner.Run("id", ["-g"]).stdout.Trim());
        Assert.Equal(new PeerCredentials(Environment.ProcessId, uid, gid), accepted);
        Assert.Equal(new PeerCredentials(Environment.ProcessId, uid, gid), connected);
        Assert.Null(tcp);
    }

    [Fact]
    public void Natural_exit_removes_the_socket_file_of_an_unrefed_server()
    {
        string path = Path.Combine(TestLoop.TempDir(), "unref.sock");
        bool existed = false;
        TestLoop.Run(() =>
        {
            var s = Net.CreateServer();
            s.Listen(path, () => existed = File.Exists(path));
            s.Unref();
        });
        Assert.True(existed);
        Assert.False(File.Exists(path));
    }
}

internal static class UvErrorsForTests
{
    public static int Code(string name) => UvErrors.ByName[name];
}
