using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Xunit;

namespace NodeNet.AspNetCore.Tests;

/// <summary>A minimal ASP.NET Core app served by Kestrel over NodeNet, driven by curl, wrk and nghttp.</summary>
public class KestrelTransportTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    /// <summary>What /drain's handler caught (one test uses it).</summary>
    private static TaskCompletionSource<Exception> BodyErrors = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private static TaskCompletionSource BodyStarted = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private static WebApplication Build(Action<KestrelServerOptions> listen, Action<NodeNetTransportOptions>? transport = null,
        TimeSpan? shutdownTimeout = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseNodeNet(o => { o.Loops = 1; transport?.Invoke(o); });
        builder.WebHost.ConfigureKestrel(listen);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = shutdownTimeout ?? TimeSpan.FromSeconds(10));
        var app = builder.Build();
        app.MapGet("/", () => "Hello, World!");
        app.MapGet("/transport", (HttpContext c) => c.Features.Get<INodeNetSocketFeature>() is { } f ? $"NodeNet on {f.Socket.Loop.GetHashCode()}" : "something else");
        app.MapGet("/whoami", (HttpContext c) => c.Features.Get<INodeNetSocketFeature>()?.PeerCredentials is { } p ? $"pid={p.Pid} uid={p.Uid}" : "none");
        app.MapPost("/echo", async (HttpRequest request, HttpResponse response) => await request.Body.CopyToAsync(response.Body));
        app.MapGet("/id", (HttpContext c) => c.Connection.Id);
        app.MapPost("/drain", async (HttpContext c) =>
        {
            BodyStarted.TrySetResult();
            try { await c.Request.Body.CopyToAsync(Stream.Null); }
            catch (Exception e) { BodyErrors.TrySetResult(e); throw; }
        });
        app.MapGet("/slow", async (HttpContext c) => { await c.Response.WriteAsync("started\n"); await c.Response.Body.FlushAsync(); await Task.Delay(Timeout.Infinite, c.RequestAborted); });
        return app;
    }

    private static string Address(WebApplication app) => app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();

    [Fact]
    public async Task Curl_gets_responses_over_TCP_from_NodeNets_transport()
    {
        await using var app = Build(k => k.Listen(IPAddress.Loopback, 0));
        await app.StartAsync().WaitAsync(Deadline);
        string url = Address(app);
        Assert.Matches(@"^http://127\.0\.0\.1:\d+$", url); // port 0 resolved to the bound port

        var (code, body, err) = await Clients.Run("curl", "-sS", "--max-time", "10", url + "/");
        Assert.True(code == 0, err);
        Assert.Equal("Hello, World!", body);
        (code, body, err) = await Clients.Run("curl", "-sS", "--max-time", "10", url + "/transport");
        Assert.StartsWith("NodeNet on ", body);
        byte[] payload = new byte[1 << 20];
        new Random(3).NextBytes(payload);
        string file = Path.GetTempFileName();
        await File.WriteAllBytesAsync(file, payload);
        (code, body, err) = await Clients.Run("curl", "-sS", "--max-time", "20", "--data-binary", "@" + file, "-o", file + ".out", url + "/echo");
        Assert.True(code == 0, err);
        Assert.Equal(payload, await File.ReadAllBytesAsync(file + ".out")); // 1 MiB through and back, byte for byte
        File.Delete(file);
        File.Delete(file + ".out");
        await app.StopAsync().WaitAsync(Deadline);
    }

    [Fact]
    public async Task Curl_over_a_Unix_socket_is_told_who_it_is()
    {
        if (OperatingSystem.IsWindows()) return;
        string path = Path.Combine(Path.GetTempPath(), $"nodenet-kestrel-{Guid.NewGuid():N}"[..30] + ".sock");
        await using var app = Build(k => k.ListenUnixSocket(path));
        await app.StartAsync().WaitAsync(Deadline);
        var (code, body, err) = await Clients.Run("curl", "-sS", "--max-time", "10", "--unix-socket", path, "http://localhost/whoami");
        Assert.True(code == 0, err);
        var m = Regex.Match(body, @"^pid=(\d+) uid=(\d+)$");
        Assert.True(m.Success, body);
        Assert.NotEqual(Environment.ProcessId.ToString(), m.Groups[1].Value); // curl's pid, not ours
        string uid = File.ReadAllLines("/proc/self/status").First(l => l.StartsWith("Uid:", StringComparison.Ordinal)).Split('\t')[1];
        Assert.Equal(uid, m.Groups[2].Value);
        await app.StopAsync().WaitAsync(Deadline);
        Assert.False(File.Exists(path)); // the socket file goes with the server
    }

    [Fact]
    public async Task Wrk_drives_a_bounded_load_with_no_errors()
    {
        await using var app = Build(k => k.Listen(IPAddress.Loopback, 0), o => o.Loops = 2);
        await app.StartAsync().WaitAsync(Deadline);
        var (code, output, err) = await Clients.Run("wrk", "-t1", "-c50", "-d2s", Address(app) + "/");
        Assert.True(code == 0, err);
        Assert.DoesNotContain("Socket errors", output);
        Assert.DoesNotContain("Non-2xx", output);
        long requests = long.Parse(Regex.Match(output, @"(\d+) requests in").Groups[1].Value);
        Assert.True(requests > 1000, output);
        await app.StopAsync().WaitAsync(Deadline);
    }

    [Fact]
    public async Task Nghttp_speaks_HTTP2_with_prior_knowledge()
    {
        await using var app = Build(k => k.Listen(IPAddress.Loopback, 0, l => l.Protocols = HttpProtocols.Http2));
        await app.StartAsync().WaitAsync(Deadline);
        var (code, output, err) = await Clients.Run("nghttp", "-v", Address(app) + "/");
        Assert.True(code == 0, output + err);
        Assert.Contains(":status: 200", output);
        Assert.Contains("Hello, World!", output);
        await app.StopAsync().WaitAsync(Deadline);
    }

    [Fact]
    public async Task Connections_are_spread_over_the_loops()
    {
        await using var app = Build(k => k.Listen(IPAddress.Loopback, 0), o => o.Loops = 2);
        await app.StartAsync().WaitAsync(Deadline);
        var loops = new HashSet<string>();
        for (int i = 0; i < 6; i++)
        {
            // A new connection each time: curl does not reuse across runs.
            var (_, body, _) = await Clients.Run("curl", "-sS", "--max-time", "10", Address(app) + "/transport");
            loops.Add(body);
        }
        Assert.Equal(2, loops.Count);
        await app.StopAsync().WaitAsync(Deadline);
    }

    [Fact]
    public async Task Stop_ends_within_the_shutdown_timeout_with_clients_connected()
    {
        await using var app = Build(k => k.Listen(IPAddress.Loopback, 0), shutdownTimeout: TimeSpan.FromSeconds(1));
        await app.StartAsync().WaitAsync(Deadline);
        var uri = new Uri(Address(app));
        // An idle keep-alive connection, and a request that never finishes by itself.
        using var idle = new TcpClient();
        await idle.ConnectAsync(IPAddress.Loopback, uri.Port);
        using var slow = new TcpClient();
        await slow.ConnectAsync(IPAddress.Loopback, uri.Port);
        await slow.GetStream().WriteAsync(Encoding.ASCII.GetBytes("GET /slow HTTP/1.1\r\nHost: x\r\n\r\n"));
        var reader = new StreamReader(slow.GetStream());
        while (await reader.ReadLineAsync().WaitAsync(Deadline) is { } line && line != "started") { }

        var clock = Stopwatch.StartNew();
        await app.StopAsync().WaitAsync(Deadline);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"stop took {clock.Elapsed}");
        // Both connections are gone (closed or reset), not left hanging.
        foreach (var client in new[] { idle, slow })
        {
            try { while (await client.GetStream().ReadAsync(new byte[256]).AsTask().WaitAsync(Deadline) > 0) { } }
            catch (IOException) { }
        }
    }

    [Fact]
    public async Task Connection_ids_are_unique_across_listeners_as_Kestrels_are()
    {
        await using var app = Build(k => { k.Listen(IPAddress.Loopback, 0); k.Listen(IPAddress.Loopback, 0); });
        await app.StartAsync().WaitAsync(Deadline);
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.ToList();
        Assert.Equal(2, addresses.Count);
        var ids = new List<string>();
        foreach (string address in addresses)
            for (int i = 0; i < 3; i++)
            {
                var (code, body, err) = await Clients.Run("curl", "-sS", "--max-time", "10", address + "/id");
                Assert.True(code == 0, err);
                ids.Add(body);
            }
        Assert.Equal(6, ids.Distinct().Count());
        Assert.All(ids, id => Assert.Matches("^[0-9A-V]{13}$", id));
        await app.StopAsync().WaitAsync(Deadline);
    }

    [Fact]
    public async Task A_reset_mid_request_is_a_ConnectionResetException_as_with_Kestrels_own_transport()
    {
        BodyErrors = new(TaskCreationOptions.RunContinuationsAsynchronously);
        BodyStarted = new(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var app = Build(k => k.Listen(IPAddress.Loopback, 0));
        await app.StartAsync().WaitAsync(Deadline);
        var uri = new Uri(Address(app));
        using (var client = new System.Net.Sockets.Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp))
        {
            await client.ConnectAsync(IPAddress.Loopback, uri.Port).WaitAsync(Deadline);
            await client.SendAsync(Encoding.ASCII.GetBytes("POST /drain HTTP/1.1\r\nHost: x\r\nContent-Length: 1000000\r\n\r\n" + new string('a', 1000)));
            await BodyStarted.Task.WaitAsync(Deadline); // the handler is reading the body when the reset comes
            client.LingerState = new LingerOption(true, 0);
        } // closed with RST
        var error = await BodyErrors.Task.WaitAsync(Deadline);
        var reset = Assert.IsType<Microsoft.AspNetCore.Connections.ConnectionResetException>(error);
        Assert.IsAssignableFrom<IOException>(reset);
        Assert.Equal("ECONNRESET", ((INodeError)reset.InnerException!).Code);
        await app.StopAsync().WaitAsync(Deadline);
    }
}
