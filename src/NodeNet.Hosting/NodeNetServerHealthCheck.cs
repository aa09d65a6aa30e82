using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace NodeNet.Hosting;

/// <summary>
/// The health of one hosted NodeNet server, registered by AddNodeNetServer as <c>nodenet:NAME</c> (tag <c>nodenet</c>):
/// Unhealthy while it is not listening (not started, failed to listen, stopped) or once its loop ended; Degraded when
/// some of its loops failed or it is at <see cref="Server.MaxConnections"/> (new connections are dropped); Healthy
/// otherwise. The data carries what it read: address, listening, loops alive and failed, connections and their limit.
/// </summary>
internal sealed class NodeNetServerHealthCheck(NodeNetHostedServer hosted) : IHealthCheck
{
    public static string NameFor(string serverName) => "nodenet:" + serverName;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(Check());

    private HealthCheckResult Check()
    {
        if (hosted.Server is not { } server) return HealthCheckResult.Unhealthy($"NodeNet server '{hosted.Name}' has not started");
        if (hosted.Listening.IsFaulted)
            return HealthCheckResult.Unhealthy($"NodeNet server '{hosted.Name}' could not listen", hosted.Listening.Exception?.InnerException);
        // Status properties read from this thread: each is the value the server's loop last stored.
        int alive = server.LoopsAlive, failed = server.FailedLoops, connections = server.Connections;
        int? max = server.MaxConnections;
        bool listening = server.Listening;
        var data = new Dictionary<string, object>
        {
            ["address"] = hosted.Address?.ToString() ?? "", ["listening"] = listening, ["loopsAlive"] = alive, ["loopsFailed"] = failed,
            ["connections"] = connections,
        };
        if (max is { } m) data["maxConnections"] = m;
        if (alive == 0) return HealthCheckResult.Unhealthy($"NodeNet server '{hosted.Name}' lost its loop: it serves no more", data: data);
        if (!listening) return HealthCheckResult.Unhealthy($"NodeNet server '{hosted.Name}' is not listening", data: data);
        if (failed > 0) return HealthCheckResult.Degraded($"NodeNet server '{hosted.Name}': {failed} of its loops failed; it serves on {alive}", data: data);
        if (max is { } limit && connections >= limit)
            return HealthCheckResult.Degraded($"NodeNet server '{hosted.Name}' is at maxConnections ({limit}): new connections are dropped", data: data);
        return HealthCheckResult.Healthy($"NodeNet server '{hosted.Name}' listens on {hosted.Address}", data);
    }
}
