using NodeNet.Native;
using Xunit;

namespace NodeNet.Tests.Native;

public class LibuvLoaderTests
{
    [Fact]
    public void Missing_library_message_says_what_to_install()
    {
        string dir = TestLoop.TempDir();
        var (handle, _, error) = LibuvLoader.Load([Path.Combine(dir, "libuv.so.1"), "libuv-that-does-not-exist.so.9"]);
        Assert.Equal(0, handle);
        var e = Assert.IsType<DllNotFoundException>(error);
        Assert.Contains("could not load libuv", e.Message);
        Assert.Contains(Path.Combine(dir, "libuv.so.1"), e.Message);
        Assert.Contains("libuv-that-does-not-exist.so.9", e.Message);
        // It names the package and what it carries, not a build target only the repository has.
        Assert.Contains("The NodeNet package carries libuv for linux-x64, linux-arm64, linux-musl-x64, win-x64", e.Message);
        Assert.DoesNotContain("cake", e.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("glibc 2.34", e.Message);
    }

    [Fact]
    public void Too_old_library_message_names_both_versions()
    {
        // A stand-in library that reports libuv 1.40.3 through uv_version().
        string dir = TestLoop.TempDir();
        string src = Path.Combine(dir, "olduv.c");
        File.WriteAllText(src, "unsigned int uv_version(void) { return (1u << 16) | (40u << 8) | 3u; }\n");
        string lib = Path.Combine(dir, "libuv.so.1");
        var (code, _, err) = ProcessRunner.Run(ProcessRunner.CCompiler, ["-shared", "-fPIC", "-o", lib, src]);
        Assert.True(code == 0, err);

        var (handle, _, error) = LibuvLoader.Load([lib]);
        Assert.Equal(0, handle);
        var e = Assert.IsType<DllNotFoundException>(error);
        Assert.Contains("needs libuv 1.44 or newer", e.Message);
        Assert.Contains("libuv 1.40.3", e.Message);
        Assert.Contains(lib, e.Message);
    }

    [Fact]
    public void The_loaded_library_is_new_enough_and_app_local_copy_comes_first()
    {
        LibuvLoader.EnsureLoaded();
        Assert.True(NodeNet.Native.Uv.uv_version() >= LibuvLoader.MinimumVersion);
        Assert.NotNull(LibuvLoader.LoadedFrom);
        string first = LibuvLoader.Candidates().First();
        Assert.StartsWith(Path.Combine(AppContext.BaseDirectory, "runtimes"), first);
        // When the build staged libuv (build.cake Native), it must be the copy in use.
        if (File.Exists(first)) Assert.Equal(first, LibuvLoader.LoadedFrom);
    }
}
