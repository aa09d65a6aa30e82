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
        Assert.Single(Directory.GetFiles(PackageFeed.Dir, "NodeNet.*.snupkg"));

        using (var zip = ZipFile.OpenRead(package))
        {
            var entries = zip.Entries.Select(e => e.FullName).ToHashSet();
            foreach (string tfm in new[] { "net8.0", "net10.0" })
            {
                Assert.Contains($"lib/{tfm}/NodeNet.dll", entries);
                Assert.Contains($"lib/{tfm}/NodeNet.xml", entries);
            }
            Assert.Contains("runtimes/linux-x64/native/libuv.so.1", entries);
            Assert.Contains("README.md", entries);
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
}
