using System.IO.Compression;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Xunit;

namespace NodeNet.Tests.Packaging;

/// <summary>What a package page and a consumer's restore see: addresses, a README whose links work there, and
/// dependencies in the consumer's own band.</summary>
[Collection("metrics")] // shares the packed feed with PackageTests, which runs alone
public class PackageMetadataTests
{
    private static XElement Metadata(string package, out ZipArchive zip)
    {
        zip = ZipFile.OpenRead(PackageFeed.PathOf(package));
        var nuspec = XDocument.Load(zip.GetEntry(package + ".nuspec")!.Open());
        return nuspec.Root!.Elements().Single(e => e.Name.LocalName == "metadata");
    }

    private static XElement? Child(XElement e, string name) => e.Elements().FirstOrDefault(x => x.Name.LocalName == name);

    public static TheoryData<string> Packages() => [.. PackageFeed.Packages];

    [Theory]
    [MemberData(nameof(Packages))]
    public void Each_package_names_its_project_and_its_README_links_work_on_a_package_page(string package)
    {
        var metadata = Metadata(package, out var zip);
        using (zip)
        {
            string repository = Child(metadata, "repository")!.Attribute("url")!.Value;
            Assert.StartsWith("https://", repository);
            Assert.Equal(repository, Child(metadata, "projectUrl")!.Value);
            Assert.Equal("MIT", Child(metadata, "license")!.Value);
            Assert.Equal("README.md", Child(metadata, "readme")!.Value);
            using var reader = new StreamReader(zip.GetEntry("README.md")!.Open());
            string readme = reader.ReadToEnd();
            var links = Regex.Matches(readme, @"\]\(([^)]+)\)").Select(m => m.Groups[1].Value).ToList();
            Assert.NotEmpty(links);
            foreach (string link in links)
            {
                Assert.True(link.StartsWith("https://", StringComparison.Ordinal), $"{package}: a relative link breaks on a package page: {link}");
                // Links into this repository name files that exist.
                if (!link.StartsWith(repository + "/blob/main/", StringComparison.Ordinal)) continue;
                string file = link[(repository + "/blob/main/").Length..].Split('#')[0];
                Assert.True(File.Exists(Path.Combine(TestLoop.RepoRoot, file)), $"{package}: {link} names no file of the repository");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Packages))]
    public void A_net8_consumer_is_not_pulled_up_to_10x_packages(string package)
    {
        var metadata = Metadata(package, out var zip);
        using (zip)
        {
            var groups = Child(metadata, "dependencies")!.Elements().Where(e => e.Name.LocalName == "group").ToList();
            var net8 = groups.Single(g => g.Attribute("targetFramework")!.Value is "net8.0" or ".NETCoreApp8.0");
            foreach (var dependency in net8.Elements())
            {
                string id = dependency.Attribute("id")!.Value, version = dependency.Attribute("version")!.Value;
                if (id.StartsWith("NodeNet", StringComparison.Ordinal)) { Assert.Equal(PackageFeed.Version, version); continue; }
                Assert.True(version.StartsWith("8.", StringComparison.Ordinal), $"{package} net8.0 depends on {id} {version}");
            }
        }
    }

    private const string HostedConsumer = """
        using System.Net;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Hosting;
        using Microsoft.AspNetCore.Hosting.Server;
        using Microsoft.AspNetCore.Hosting.Server.Features;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.Extensions.Hosting;
        using Microsoft.Extensions.Logging;
        using NodeNet;
        using NodeNet.AspNetCore;
        using NodeNet.Hosting;

        var builder = WebApplication.CreateSlimBuilder(args);
        builder.Logging.ClearProviders();
        builder.WebHost.UseNodeNet(o => o.Loops = 1);
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Services.AddNodeNetServer("echo", o =>
        {
            o.Listen = new ListenOptions { Port = 0, Host = "127.0.0.1" };
            o.OnConnection = (socket, _) => socket.Data += chunk => socket.End(chunk.ToArray());
        });
        var app = builder.Build();
        app.MapGet("/", (Microsoft.AspNetCore.Http.HttpContext c) => c.Features.Get<INodeNetSocketFeature>() != null ? "kestrel on nodenet" : "other");
        await app.StartAsync();
        string url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        using var http = new HttpClient();
        Console.WriteLine("http: " + await http.GetStringAsync(url));
        var echo = app.Services.GetRequiredKeyedService<NodeNetHostedServer>("echo");
        var client = await Net.ConnectAsync((await echo.Listening).Port, "127.0.0.1");
        await client.WriteAsync("hosted"u8.ToArray());
        var buffer = new byte[6];
        int n = await client.ReadAsync(buffer);
        Console.WriteLine("echo: " + System.Text.Encoding.ASCII.GetString(buffer, 0, n));
        await app.StopAsync();
        Console.WriteLine("stopped");
        """;

    [Fact]
    public void A_web_app_restores_the_integrations_from_the_feed_and_serves_through_both()
    {
        string body = $"""<ItemGroup><PackageReference Include="NodeNet.Hosting" Version="{PackageFeed.Version}" /></ItemGroup>""";
        var (app, env) = PackageFeed.App("IntegrationConsumer", body, HostedConsumer, package: "NodeNet.AspNetCore", sdk: "Microsoft.NET.Sdk.Web");
        var (code, output, error) = ProcessRunner.Run("dotnet", ["run", "--project", app, "-c", "Release"], timeoutMs: 240_000, workingDirectory: app, env: env);
        Assert.True(code == 0, output + error);
        Assert.Contains("http: kestrel on nodenet", output);
        Assert.Contains("echo: hosted", output);
        Assert.Contains("stopped", output);
        Directory.Delete(Path.GetDirectoryName(app)!, recursive: true);
    }

    [Fact]
    public void The_lean_runtime_settings_apply_only_when_an_app_asks_for_them()
    {
        var (app, env) = PackageFeed.App("LeanConsumer", "", "System.Console.WriteLine(NodeNet.Net.IsIP(\"::1\"));");
        string Config(params string[] extra)
        {
            var (code, output, error) = ProcessRunner.Run("dotnet", ["build", app, "-c", "Release", "-nologo", "-v:q", .. extra],
                timeoutMs: 240_000, workingDirectory: app, env: env);
            Assert.True(code == 0, output + error);
            return File.ReadAllText(Path.Combine(app, "bin", "Release", "net10.0", "LeanConsumer.runtimeconfig.json"));
        }
        string plain = Config();
        Assert.DoesNotContain("System.GC.Concurrent", plain); // a library does not change an app's GC by itself
        Assert.DoesNotContain("TieredPGO", plain);
        string lean = Config("-p:NodeNetLeanRuntime=true");
        Assert.Contains("\"System.GC.Concurrent\": false", lean);
        Assert.Contains("\"System.GC.Server\": false", lean);
        Assert.Contains("\"System.Runtime.TieredPGO\": false", lean);
        string own = Config("-p:NodeNetLeanRuntime=true", "-p:ConcurrentGarbageCollection=true"); // the app's own choice wins
        Assert.Contains("\"System.GC.Concurrent\": true", own);
        Directory.Delete(Path.GetDirectoryName(app)!, recursive: true);
    }
}
