using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Xunit;

namespace NodeNet.Hosting.Tests;

/// <summary>NodeNet servers in a generic host, driven by clients from System.Net.Sockets.</summary>
public class HostedServerTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);

    private static IHost Build(Action<IServiceCollection> services, TimeSpan? shutdownTimeout = null, LogSink? logs = null)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        if (logs != null) builder.Logging.AddProvider(logs).SetMinimumLevel(LogLevel.Debug);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = shutdownTimeout ?? TimeSpan.FromSeconds(10));
        services(builder.Services);
        return builder.Build();
    }

    private static async Task<TcpClient> Connect(IHost host, string name)
    {
        var server = host.Services.GetRequiredKeyedService<NodeNetHostedServer>(name);
        var address = await server.Listening.WaitAsync(Deadline);
        var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, address.Port).WaitAsync(Deadline);
        return client;
    }

    private static async Task<string> ReadAll(NetworkStream stream)
    {
        var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer).WaitAsync(Deadline);
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    [Fact]
    public async Task A_node_style_server_serves_while_the_host_runs()
    {
        using var host = Build(s => s.AddNodeNetServer("echo", o =>
        {
            o.Listen = new ListenOptions { Port = 0, Host = "127.0.0.1" };
            o.OnConnection = (socket, _) => socket.Data += chunk => socket.Write(chunk);
        }));
        await host.StartAsync().WaitAsync(Deadline);
        using var client = await Connect(host, "echo");
        var stream = client.GetStream();
        await stream.WriteAsync("hello"u8.ToArray());
        client.Client.Shutdown(SocketShutdown.Send);
        Assert.Equal("hello", await ReadAll(stream)); // the server ends when we do (allowHalfOpen false)
        await host.StopAsync().WaitAsync(Deadline);
    }

    /// <summary>Counts scoped dependencies alive, to see each connection's scope disposed.</summary>
    public sealed class Greeting : IDisposable
    {
        public static int Alive;
        public Greeting() => Interlocked.Increment(ref Alive);
        public string Text => "hi ";
        public void Dispose() => Interlocked.Decrement(ref Alive);
    }

    public sealed class GreetingHandler(Greeting greeting) : INodeNetConnectionHandler
    {
        public async Task OnConnectedAsync(Socket socket, CancellationToken stopping)
        {
            using var reader = new StreamReader(socket.AsStream(), leaveOpen: true);
            string? line = await reader.ReadLineAsync(stopping);
            await socket.WriteAsync(Encoding.UTF8.GetBytes(greeting.Text + line + "\n"), stopping);
        }
    }

    [Fact]
    public async Task A_handler_is_resolved_from_a_scope_per_connection_and_its_return_ends_the_connection()
    {
        Greeting.Alive = 0;
        using var host = Build(s =>
        {
            s.AddScoped<Greeting>();
            s.AddNodeNetServer<GreetingHandler>("greet", o => o.EndPoint = new IPEndPoint(IPAddress.Loopback, 0));
        });
        await host.StartAsync().WaitAsync(Deadline);
        for (int i = 0; i < 3; i++)
        {
            using var client = await Connect(host, "greet");
            var stream = client.GetStream();
            await stream.WriteAsync(Encoding.UTF8.GetBytes($"client {i}\n"));
            Assert.Equal($"hi client {i}\n", await ReadAll(stream)); // FIN after the handler returned
        }
        var deadline = Stopwatch.StartNew();
        while (Volatile.Read(ref Greeting.Alive) != 0 && deadline.Elapsed < Deadline) await Task.Delay(10);
        Assert.Equal(0, Greeting.Alive); // every connection's scope was disposed
        await host.StopAsync().WaitAsync(Deadline);
    }

    [Fact]
    public async Task Stopping_ends_node_style_connections_and_destroys_the_rest_within_the_shutdown_timeout()
    {
        using var host = Build(s => s.AddNodeNetServer("held", o =>
        {
            o.Listen = new ListenOptions { Port = 0, Host = "127.0.0.1" };
            o.Server = new ServerOptions { AllowHalfOpen = true, Loops = 2 }; // our FIN does not close it: the peer must end too
            o.OnConnection = (_, _) => { };
        }), shutdownTimeout: TimeSpan.FromMilliseconds(500));
        await host.StartAsync().WaitAsync(Deadline);
        using var client = await Connect(host, "held"); // never ends its side
        var stream = client.GetStream();
        var clock = Stopwatch.StartNew();
        var stopping = host.StopAsync();
        Assert.Equal(0, await stream.ReadAsync(new byte[1]).AsTask().WaitAsync(Deadline)); // FIN: ended, gracefully
        await stopping.WaitAsync(Deadline);
        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(400), TimeSpan.FromSeconds(5)); // it waited for the deadline, then closed
        var server = host.Services.GetRequiredKeyedService<NodeNetHostedServer>("held");
        await server.Server!.Loop.Completion.WaitAsync(Deadline); // the loop it started has ended
        // The server is gone: a new connection is refused.
        using var late = new TcpClient();
        await Assert.ThrowsAsync<SocketException>(() => late.ConnectAsync(IPAddress.Loopback, server.Address!.Port).WaitAsync(Deadline));
    }

    public sealed class WaitForStop : INodeNetConnectionHandler
    {
        public async Task OnConnectedAsync(Socket socket, CancellationToken stopping)
        {
            await socket.WriteAsync("ready\n"u8.ToArray(), CancellationToken.None);
            await Task.Delay(Timeout.Infinite, stopping).ContinueWith(_ => { }, TaskScheduler.Default);
            await socket.WriteAsync("bye\n"u8.ToArray(), CancellationToken.None);
        }
    }

    [Fact]
    public async Task Stopping_tells_handlers_and_they_finish_before_the_deadline()
    {
        using var host = Build(s => s.AddNodeNetServer<WaitForStop>("polite", o => o.Listen = new ListenOptions { Port = 0, Host = "127.0.0.1" }),
            shutdownTimeout: TimeSpan.FromSeconds(10));
        await host.StartAsync().WaitAsync(Deadline);
        using var client = await Connect(host, "polite");
        var stream = client.GetStream();
        var ready = new byte[6];
        await stream.ReadExactlyAsync(ready).AsTask().WaitAsync(Deadline);
        var clock = Stopwatch.StartNew();
        var stopping = host.StopAsync();
        Assert.Equal("bye\n", await ReadAll(stream)); // the handler's last word, then FIN
        await stopping.WaitAsync(Deadline);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"stop took {clock.Elapsed}: it should not wait for the deadline");
    }

    [Fact]
    public async Task Logs_use_a_category_per_server_and_a_scope_per_connection()
    {
        var logs = new LogSink();
        using var host = Build(s => s.AddNodeNetServer("logged", o =>
        {
            o.Listen = new ListenOptions { Port = 0, Host = "127.0.0.1" };
            o.OnConnection = (socket, _) => socket.End();
        }), logs: logs);
        await host.StartAsync().WaitAsync(Deadline);
        using (var client = await Connect(host, "logged")) await ReadAll(client.GetStream());
        await host.StopAsync().WaitAsync(Deadline);
        var entries = logs.Entries.Where(e => e.Category == "NodeNet.Server.logged").ToList();
        Assert.Contains(entries, e => e.Message.StartsWith("Server listening on 127.0.0.1:", StringComparison.Ordinal));
        var accepted = Assert.Single(entries, e => e.Message.Contains("accepted from 127.0.0.1:"));
        Assert.Contains("ConnectionId:logged:1", accepted.Scopes);
        Assert.Contains(entries, e => e.Message == "Connection logged:1 closed: LocalEnded" || e.Message == "Connection logged:1 closed: PeerEnded");
        Assert.Contains(entries, e => e.Message.Contains("is stopping"));
    }

    [Fact]
    public async Task A_server_that_cannot_listen_fails_the_host_start_with_Nodes_error()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        int port = ((IPEndPoint)taken.LocalEndpoint).Port;
        using var host = Build(s => s.AddNodeNetServer("clash", o =>
        {
            o.Listen = new ListenOptions { Port = port, Host = "127.0.0.1" };
            o.OnConnection = (_, _) => { };
        }));
        var error = await Assert.ThrowsAnyAsync<IOException>(() => host.StartAsync().WaitAsync(Deadline));
        var node = Assert.IsAssignableFrom<INodeError>(error);
        Assert.Equal("EADDRINUSE", node.Code);
        Assert.Equal("listen", node.Syscall);
        Assert.Equal(port, node.Port);
    }

    [Fact]
    public async Task An_uncaught_exception_is_logged_and_serving_goes_on_or_stops_the_application_when_asked()
    {
        foreach (bool stop in new[] { false, true })
        {
            var logs = new LogSink();
            using var host = Build(s => s.AddNodeNetServer("thrower", o =>
            {
                o.Listen = new ListenOptions { Port = 0, Host = "127.0.0.1" };
                o.StopApplicationOnUncaughtException = stop;
                o.OnConnection = (socket, _) => socket.Data += _ => throw new InvalidOperationException("bug in a listener");
            }), logs: logs);
            await host.StartAsync().WaitAsync(Deadline);
            var stopped = new TaskCompletionSource();
            host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.Register(() => stopped.TrySetResult());
            using (var client = await Connect(host, "thrower")) await client.GetStream().WriteAsync(new byte[1]);
            if (stop) await stopped.Task.WaitAsync(Deadline);
            else
            {
                // Still serving: a second client is accepted and the first error was logged.
                using var second = await Connect(host, "thrower");
                var deadline = Stopwatch.StartNew();
                while (!logs.Entries.Any(e => e.Exception?.Message == "bug in a listener") && deadline.Elapsed < Deadline) await Task.Delay(10);
                Assert.False(stopped.Task.IsCompleted);
            }
            Assert.Contains(logs.Entries, e => e.Exception?.Message == "bug in a listener");
            await host.StopAsync().WaitAsync(Deadline);
        }
    }

    [Fact]
    public void Misconfiguration_is_reported_clearly()
    {
        var services = new ServiceCollection();
        services.AddNodeNetServer("a", o => o.OnConnection = (_, _) => { });
        Assert.Contains("already added", Assert.Throws<InvalidOperationException>(() => services.AddNodeNetServer("a", _ => { })).Message);
        using var host = Build(s => s.AddNodeNetServer("idle", o => o.Listen = new ListenOptions { Port = 0 }));
        Assert.Contains("nothing to do with its connections", Assert.Throws<InvalidOperationException>(
            () => host.Services.GetRequiredKeyedService<NodeNetHostedServer>("idle")).Message);
    }
}
