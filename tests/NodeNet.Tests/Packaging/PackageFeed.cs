namespace NodeNet.Tests.Packaging;

/// <summary>The package packed once from this tree into a local feed, shared by the tests that consume it.</summary>
internal static class PackageFeed
{
    private static readonly Lazy<(string feed, string version)> s_packed = new(Pack);

    public static string Dir => s_packed.Value.feed;
    public static string Version => s_packed.Value.version;
    public static string PackagePath => Path.Combine(Dir, $"NodeNet.{Version}.nupkg");

    /// <summary>The packages this repository ships, each packed from its project.</summary>
    public static readonly string[] Packages = ["NodeNet", "NodeNet.Hosting", "NodeNet.AspNetCore"];

    public static string PathOf(string package) => System.IO.Path.Combine(Dir, $"{package}.{Version}.nupkg");

    private static (string, string) Pack()
    {
        string feed = Path.Combine(TestLoop.TempDir(), "feed");
        // A unique prerelease, as build.cake's Pack stamps local builds: this also checks that the packages' dependencies
        // on each other carry the stamped version (PackageMetadataTests).
        string props = File.ReadAllText(Path.Combine(TestLoop.RepoRoot, "Directory.Build.props"));
        string version = System.Text.RegularExpressions.Regex.Match(props, "<Version>([^<]+)</Version>").Groups[1].Value +
            $"-test.{DateTime.UtcNow:yyyyMMddHHmmss}";
        foreach (string project in Packages)
        {
            var (code, output, error) = ProcessRunner.Run("dotnet",
                ["pack", Path.Combine(TestLoop.RepoRoot, "src", project, project + ".csproj"), "-c", "Release", "-o", feed, "-nologo",
                 "-p:ContinuousIntegrationBuild=true", $"-p:PackageVersion={version}"], timeoutMs: 240_000);
            if (code != 0) throw new InvalidOperationException($"dotnet pack {project} failed:\n" + output + error);
        }
        string package = Directory.GetFiles(feed, "NodeNet.*.nupkg").Single(f => System.Text.RegularExpressions.Regex.IsMatch(Path.GetFileName(f), @"^NodeNet\.\d"));
        return (feed, Path.GetFileNameWithoutExtension(package)["NodeNet.".Length..]);
    }

    /// <summary>A fresh app directory that restores NodeNet from the feed into a private package cache (so an older
    /// build of the same version is never picked up); returns the directory and the environment to run dotnet with.</summary>
    public static (string dir, Dictionary<string, string> env) App(string name, string projectBody, string program,
        string package = "NodeNet", string sdk = "Microsoft.NET.Sdk")
    {
        string work = TestLoop.TempDir();
        string app = Path.Combine(work, name);
        Directory.CreateDirectory(app);
        File.WriteAllText(Path.Combine(app, name + ".csproj"), $"""
            <Project Sdk="{sdk}">
              <PropertyGroup><OutputType>Exe</OutputType><TargetFramework>net10.0</TargetFramework><ImplicitUsings>enable</ImplicitUsings><Nullable>enable</Nullable></PropertyGroup>
              <ItemGroup><PackageReference Include="{package}" Version="{Version}" /></ItemGroup>
              {projectBody}
            </Project>
            """);
        File.WriteAllText(Path.Combine(app, "Program.cs"), program);
        File.WriteAllText(Path.Combine(app, "nuget.config"), $"""
            <configuration><packageSources><add key="nodenet-local" value="{Dir}" /></packageSources></configuration>
            """);
        return (app, new Dictionary<string, string> { ["NUGET_PACKAGES"] = Path.Combine(work, "packages") });
    }
}
