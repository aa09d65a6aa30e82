using System.Diagnostics;

namespace NodeNet;

/// <summary>
/// The <c>NodeNet</c> <see cref="ActivitySource"/>: one <c>nodenet.connection</c> activity per connection, from accept
/// or connect to destroy (kind Server for accepted connections, Client for outbound ones; a client's parent is the
/// activity current where it connected). Tagged as OpenTelemetry's connection conventions (network.transport,
/// server.address, server.port, network.peer.address, network.peer.port), and at the end with the bytes moved and
/// error.type when an error destroyed the connection. Nothing is created while nobody listens.
/// </summary>
public static class NodeNetActivity
{
    /// <summary>The source's name, for OpenTelemetry's <c>AddSource("NodeNet")</c> or an <see cref="ActivityListener"/>.</summary>
    public const string SourceName = "NodeNet";

    /// <summary>The activity's name.</summary>
    public const string ConnectionActivityName = "nodenet.connection";

    internal static readonly ActivitySource Source = new(SourceName, typeof(NodeNetActivity).Assembly.GetName().Version?.ToString());

    /// <summary>Starts a connection's activity without making it current: a loop thread serves many connections at once,
    /// so what runs next on it must not inherit this one.</summary>
    internal static Activity? ConnectionStarted(KeyValuePair<string, object?>[] metricTags, string? peerAddress, int peerPort)
    {
        if (!Source.HasListeners()) return null;
        bool inbound = metricTags.Length > 0 && metricTags[0].Value is "inbound";
        var activity = Source.CreateActivity(ConnectionActivityName, inbound ? ActivityKind.Server : ActivityKind.Client);
        if (activity == null) return null;
        foreach (var (key, value) in metricTags)
            if (key != "direction") activity.SetTag(key, value);
        if (peerAddress != null)
        {
            activity.SetTag("network.peer.address", peerAddress);
            if (peerPort > 0) activity.SetTag("network.peer.port", peerPort);
        }
        var current = Activity.Current;
        activity.Start();
        Activity.Current = current;
        return activity;
    }

    /// <summary>Ends a connection's activity: an error sets its status and error.type.</summary>
    internal static void ConnectionEnded(Activity activity, Exception? error, long bytesRead, long bytesWritten)
    {
        activity.SetTag("nodenet.bytes_read", bytesRead);
        activity.SetTag("nodenet.bytes_written", bytesWritten);
        if (error != null)
        {
            activity.SetTag("error.type", error is INodeError e ? e.Code : error.GetType().Name);
            activity.SetStatus(ActivityStatusCode.Error, error.Message);
        }
        activity.Stop();
    }
}
