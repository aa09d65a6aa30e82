using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Xunit;

namespace NodeNet.Hosting.Tests;

[CollectionDefinition("process-wide meter", DisableParallelization = true)]
public class ProcessWideMeterCollection { }

/// <summary>A health check per hosted server, and NodeNet's metrics through the host's IMeterFactory. Alone: the meter
/// NodeNet publishes to is process-wide, and every host started elsewhere would take it.</summary>
[Collection("process-wide meter")]
public class HealthAndMetricsTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);

    private static IHost Build(EventLoop? loop = null, int? maxConnections = null) =>
        Host.CreateApplicationBuilder().With(b =>
        {
            b.Logging.ClearProviders();
            b.Services.AddNodeNetServer("echo", o =>
            {
                o.Loop = loop;
                o.Listen = new ListenOptions { Port = 0, Host = "127.0.0.1" };
                o.ConfigureServer = s => s.MaxConnections = maxConnections;
                o.OnConnection = (socket, _) => socket.Data += chunk => socket.Write(chunk);
            });
        }).Build();

    private static async Task<HealthReportEntry> Health(IHost host)
    {
        var report = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync().WaitAsync(Deadline);
        return report.Entries["nodenet:echo"];
    }

    [Fact]
    public async Task The_health_check_follows_the_server_from_start_to_stop()
    {
        using var host = Build(maxConnections: 1);
        var before = await Health(host);
        Assert.Equal(HealthStatus.Unhealthy, before.Status);
        await host.StartAsync().WaitAsync(Deadline);
        var healthy = await Health(host);
        Assert.Equal(HealthStatus.Healthy, healthy.Status);
        Assert.Equal(1, healthy.Data["loopsAlive"]);
        Assert.Contains("nodenet", healthy.Tags);

        var address = await host.Services.GetRequiredKeyedService<NodeNetHostedServer>("echo").Listening.WaitAsync(Deadline);
        using (var client = new TcpClient())
        {
            await client.ConnectAsync(IPAddress.Loopback, address.Port).WaitAsync(Deadline);
            var server = host.Services.GetRequiredKeyedService<NodeNetHostedServer>("echo").Server!;
            var until = DateTime.UtcNow + Deadline;
            while (server.Connections < 1 && DateTime.UtcNow < until) await Task.Delay(5); // status read off the loop
            var full = await Health(host);
            Assert.Equal(HealthStatus.Degraded, full.Status);
            Assert.Contains("maxConnections", full.Description);
        }
        await host.StopAsync().WaitAsync(Deadline);
        Assert.Equal(HealthStatus.Unhealthy, (await Health(host)).Status);
    }

    [Fact]
    public async Task A_dead_loop_is_unhealthy()
    {
        var loop = EventLoop.StartHosted(); // the test's loop, with no uncaught-exception handler: a throw ends it
        using var host = Build(loop);
        await host.StartAsync().WaitAsync(Deadline);
        Assert.Equal(HealthStatus.Healthy, (await Health(host)).Status);
        loop.Post(() => throw new InvalidOperationException("the loop's code failed"));
        await Assert.ThrowsAnyAsync<Exception>(() => loop.Completion.WaitAsync(Deadline));
        var dead = await Health(host);
        Assert.Equal(HealthStatus.Unhealthy, dead.Status);
        Assert.Contains("lost its loop", dead.Description);
        Assert.Equal(0, dead.Data["loopsAlive"]);
        Assert.Equal(1, dead.Data["loopsFailed"]);
    }

    [Fact]
    public async Task Metrics_come_from_the_hosts_meter_factory_while_it_runs()
    {
        IMeterFactory factory;
        long accepted = 0;
        using var listener = new MeterListener();
        using (var host = Build())
        {
            factory = host.Services.GetRequiredService<IMeterFactory>();
            listener.InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Scope == factory && instrument.Name == "nodenet.connections.accepted") l.EnableMeasurementEvents(instrument);
            };
            listener.SetMeasurementEventCallback<long>((_, v, _, _) => Interlocked.Add(ref accepted, v));
            listener.Start();
            await host.StartAsync().WaitAsync(Deadline);
            Assert.Same(factory, NodeNetMetrics.Meter.Scope);
            var address = await host.Services.GetRequiredKeyedService<NodeNetHostedServer>("echo").Listening.WaitAsync(Deadline);
            using (var client = new TcpClient())
            {
                await client.ConnectAsync(IPAddress.Loopback, address.Port).WaitAsync(Deadline);
                var until = DateTime.UtcNow + Deadline;
                while (Interlocked.Read(ref accepted) == 0 && DateTime.UtcNow < until) await Task.Delay(5);
            }
            Assert.Equal(1, Interlocked.Read(ref accepted));
            await host.StopAsync().WaitAsync(Deadline);
        }
        Assert.Null(NodeNetMetrics.Meter.Scope); // the host is gone: the process-wide meter again
    }
}

internal static class BuilderExtensions
{
    public static HostApplicationBuilder With(this HostApplicationBuilder builder, Action<HostApplicationBuilder> configure)
    {
        configure(builder);
        return builder;
    }
}
