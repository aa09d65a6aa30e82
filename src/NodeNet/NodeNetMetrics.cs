using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace NodeNet;

/// <summary>
/// The <c>NodeNet</c> meter, visible to dotnet-counters and OpenTelemetry with no extra code:
/// connections accepted / active / dropped (by reason), bytes read / written, and write-queue bytes.
/// Instruments cost one enabled-check per update while nobody listens.
/// </summary>
public static class NodeNetMetrics
{
    /// <summary>The meter's name, for <c>dotnet-counters monitor --counters NodeNet</c> or an OpenTelemetry AddMeter.</summary>
    public const string MeterName = "NodeNet";

    private static readonly Meter Meter = new(MeterName, typeof(NodeNetMetrics).Assembly.GetName().Version?.ToString());

    internal static readonly Counter<long> ConnectionsAccepted =
        Meter.CreateCounter<long>("nodenet.connections.accepted", "{connection}", "Connections accepted by servers");

    internal static readonly UpDownCounter<long> ConnectionsActive =
        Meter.CreateUpDownCounter<long>("nodenet.connections.active", "{connection}", "Open connections (tag direction: inbound or outbound)");

    internal static readonly Counter<long> ConnectionsDropped =
        Meter.CreateCounter<long>("nodenet.connections.dropped", "{connection}", "Connections closed at accept (tag reason)");

    internal static readonly Counter<long> BytesRead = Meter.CreateCounter<long>("nodenet.bytes.read", "By", "Bytes received");

    internal static readonly Counter<long> BytesWritten = Meter.CreateCounter<long>("nodenet.bytes.written", "By", "Bytes handed to the kernel");

    internal static readonly UpDownCounter<long> WriteQueueBytes =
        Meter.CreateUpDownCounter<long>("nodenet.write_queue.bytes", "By", "Bytes written by the application and not yet handed to the kernel");

    internal static readonly KeyValuePair<string, object?> Inbound = new("direction", "inbound");
    internal static readonly KeyValuePair<string, object?> Outbound = new("direction", "outbound");
    internal static readonly KeyValuePair<string, object?> ReasonMaxConnections = new("reason", "max_connections");
    internal static readonly KeyValuePair<string, object?> ReasonAcceptError = new("reason", "accept_error");
}
