using Xunit;

namespace NodeNet.Tests.Packaging;

/// <summary>The package under Native AOT: it builds with no trim or AOT warning, and the paths that used reflection
/// (inspecting options for ERR_INVALID_ARG_VALUE, untyped listeners) behave as under the JIT.</summary>
[Collection("metrics")] // runs alone: an AOT compile is the heaviest thing the suite does
public class AotTests
{
    private const string Program = """
        using NodeNet;

        try { EventLoop.Run(() => Net.CreateServer().Listen(new ListenOptions { Host = "127.0.0.1", Path = "" })); }
        catch (Exception e) when (e is ArgumentException && e is INodeError n) { Console.WriteLine($"{n.Code}: {n.Message}"); }
        string? echoed = null;
        EventLoop.Run(() =>
        {
            var server = Net.CreateServer(s => s.On("data", (Delegate)(Action<byte[]>)(d => s.End(d))));
            server.Listen(0, "127.0.0.1", () =>
            {
                var c = Net.Connect(server.Address()!.Port, "127.0.0.1");
                c.SetEncoding("utf8");
                c.Write("aot echo");
                c.On<string>("data", d => echoed = d);
                c.On("close", () => server.Close());
            });
        });
        Console.WriteLine($"echoed: {echoed}");
        """;

    [Fact]
    public void A_native_AOT_app_reports_bad_options_and_echoes()
    {
        var (app, env) = PackageFeed.App("AotConsumer",
            "<PropertyGroup><PublishAot>true</PublishAot><TreatWarningsAsErrors>true</TreatWarningsAsErrors></PropertyGroup>", Program);
        string output = Path.Combine(app, "out");
        var (code, stdout, stderr) = ProcessRunner.Run("dotnet", ["publish", app, "-c", "Release", "-r", "linux-x64", "-o", output, "-nologo"],
            timeoutMs: 300_000, workingDirectory: app, env: env);
        Assert.True(code == 0, stdout + stderr);
        Assert.DoesNotContain("warning IL", stdout);
        (code, stdout, stderr) = ProcessRunner.Run(Path.Combine(output, "AotConsumer"), [], timeoutMs: 30_000);
        Assert.True(code == 0, stdout + stderr);
        Assert.Contains("ERR_INVALID_ARG_VALUE: The argument 'options' is invalid. Received { host: '127.0.0.1', path: '' }", stdout);
        Assert.Contains("echoed: aot echo", stdout);
        Directory.Delete(Path.GetDirectoryName(app)!, recursive: true);
    }
}
