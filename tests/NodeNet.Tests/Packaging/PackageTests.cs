using System.IO.Compression;
using System.Xml.Linq;
using Xunit;

namespace NodeNet.Tests.Packaging;

/// <summary>The package as users get it: packed from this tree, restored from a local feed into a fresh console app.</summary>
[Collection("metrics")] // runs alone: packing and a second build would compete with the parallel socket tests for two cores
public class PackageTests
{
    private const string Consumer = """
        using NodeNet;

        string? echoed = null;
        EventLoop.Run(() =>
        {
            var server = Net.CreateServer(s => s.On<byte[]>("data", d => s.End(d)));
            server.Listen(0, "127.0.0.1", () =>
            {
                var c = Net.Connect(server.Address()!.Port, "127.0.0.1");
                c.SetEncoding("utf8");
                c.Write("from the package");
                c.On<string>("data", d => echoed = d);
                c.On("close", () => server.Close());
            });
        });
        Console.WriteLine($"echoed: {echoed}");
        Console.WriteLine($"libuv {EventLoop.LibuvVersion} from {EventLoop.NativeLibraryPath}");
        """;

    [Fact]
    public void A_fresh_console_app_round_trips_through_the_package_and_loads_its_native_libuv()
    {
        string package = PackageFeed.PackagePath;
        foreach (string name in PackageFeed.Packages) Assert.True(File.Exists(Path.Combine(PackageFeed.Dir, $"{name}.{PackageFeed.Version}.snupkg")), name);

        using (var zip = ZipFile.OpenRead(package))
        {
            var entries = zip.Entries.Select(e => e.FullName).ToHashSet();
            foreach (string tfm in new[] { "net8.0", "net10.0" })
            {
                Assert.Contains($"lib/{tfm}/NodeNet.dll", entries);
                Assert.Contains($"lib/{tfm}/NodeNet.xml", entries);
            }
            // Every RID staged under runtimes/ is packed (the Pack target stages all four; Test stages this machine's).
            var staged = Directory.GetFiles(Path.Combine(TestLoop.RepoRoot, "runtimes"), "*", SearchOption.AllDirectories)
                .Select(f => Path.GetRelativePath(TestLoop.RepoRoot, f).Replace('\\', '/')).Where(f => f.Contains("/native/")).ToList();
            Assert.Contains("runtimes/linux-x64/native/libuv.so.1", staged);
            foreach (string file in staged) Assert.Contains(file, entries);
            Assert.Contains("README.md", entries);
            Assert.Contains("THIRD-PARTY-NOTICES.txt", entries);
            Assert.Contains("LICENSE", entries);
            var nuspec = XDocument.Load(zip.GetEntry("NodeNet.nuspec")!.Open());
            XNamespace ns = nuspec.Root!.Name.Namespace;
            var metadata = nuspec.Root.Element(ns + "metadata")!;
            Assert.Equal("MIT", metadata.Element(ns + "license")!.Value);
            Assert.Equal("git", metadata.Element(ns + "repository")!.Attribute("type")!.Value);
            Assert.Equal("README.md", metadata.Element(ns + "readme")!.Value);
        }

        var (app, env) = PackageFeed.App("PackageConsumer", "", Consumer);
        var (code, output, error) = ProcessRunner.Run("dotnet", ["run", "--project", app, "-c", "Release"], timeoutMs: 240_000, workingDirectory: app, env: env);
        Assert.True(code == 0, output + error);
        Assert.Contains("echoed: from the package", output);
        string expectedNative = Path.Combine(app, "bin", "Release", "net10.0", "runtimes", "linux-x64", "native", "libuv.so.1");
        Assert.Contains($" from {expectedNative}", output); // the package's copy, not the system's
        Directory.Delete(Path.GetDirectoryName(app)!, recursive: true);
    }

    [Fact]
    public void Publishing_for_each_packaged_rid_puts_that_rids_libuv_beside_the_app()
    {
        var (app, env) = PackageFeed.App("RidConsumer", "", "System.Console.WriteLine(NodeNet.Net.IsIP(\"::1\"));");
        var staged = Directory.GetDirectories(Path.Combine(TestLoop.RepoRoot, "runtimes")).Select(Path.GetFileName).ToList();
        Assert.Contains("linux-x64", staged);
        foreach (string rid in staged!)
        {
            string native = Directory.GetFiles(Path.Combine(TestLoop.RepoRoot, "runtimes", rid!, "native")).Single();
            string output = Path.Combine(app, "out", rid!);
            // Framework-dependent and without an apphost, so no runtime pack is needed for the foreign RIDs.
            var (code, stdout, stderr) = ProcessRunner.Run("dotnet", ["publish", app, "-c", "Release", "-r", rid!, "--no-self-contained",
                "-p:UseAppHost=false", "-o", output, "-nologo"], timeoutMs: 240_000, workingDirectory: app, env: env);
            Assert.True(code == 0, stdout + stderr);
            string beside = Path.Combine(output, Path.GetFileName(native));
            Assert.True(File.Exists(beside), $"{rid}: {Path.GetFileName(native)} is not beside the published app");
            Assert.Equal(File.ReadAllBytes(native), File.ReadAllBytes(beside));
        }
        Directory.Delete(Path.GetDirectoryName(app)!, recursive: true);
    }
}
