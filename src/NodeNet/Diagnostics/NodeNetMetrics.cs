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

    private static Instruments s_instruments = new(new Meter(MeterName, Version));

    private static string? Version => typeof(NodeNetMetrics).Assembly.GetName().Version?.ToString();

    /// <summary>
    /// Publishes NodeNet's instruments through <paramref name="factory"/>'s meter from now on (as ASP.NET Core and
    /// System.Net do when the host has an <see cref="IMeterFactory"/> in DI), instead of the process-wide meter; null goes
    /// back to that meter. Process-wide, last call wins; call it before connections exist (NodeNet.Hosting does, when its
    /// host starts), since a connection counted active on one meter is counted ended on the one current then.
    /// Disposing the result goes back to the meter in use before, unless another call came since.
    /// </summary>
    public static IDisposable UseMeterFactory(IMeterFactory? factory)
    {
        var meter = factory?.Create(new MeterOptions(MeterName) { Version = Version }) ?? new Meter(MeterName, Version);
        var next = new Instruments(meter);
        var previous = Interlocked.Exchange(ref s_instruments, next);
        return new Restore(previous, next);
    }

    private sealed class Restore(Instruments previous, Instruments installed) : IDisposable
    {
        public void Dispose() => Interlocked.CompareExchange(ref s_instruments, previous, installed);
    }

    /// <summary>The meter NodeNet publishes to now (the process-wide one, or one from <see cref="UseMeterFactory"/>).</summary>
    public static Meter Meter => Volatile.Read(ref s_instruments).Meter;

    internal static Counter<long> ConnectionsAccepted => Volatile.Read(ref s_instruments).ConnectionsAccepted;
    internal static UpDownCounter<long> ConnectionsActive => Volatile.Read(ref s_instruments).ConnectionsActive;
    internal static Histogram<double> ConnectionDuration => Volatile.Read(ref s_instruments).ConnectionDuration;
    internal static Counter<long> ConnectionsDropped => Volatile.Read(ref s_instruments).ConnectionsDropped;
    internal static Counter<long> BytesRead => Volatile.Read(ref s_instruments).BytesRead;
    internal static Counter<long> BytesWritten => Volatile.Read(ref s_instruments).BytesWritten;
    internal static UpDownCounter<long> WriteQueueBytes => Volatile.Read(ref s_instruments).WriteQueueBytes;
    internal static Counter<long> IpcHandlesDiscarded => Volatile.Read(ref s_instruments).IpcHandlesDiscarded;
    internal static Counter<long> LoopsFailed => Volatile.Read(ref s_instruments).LoopsFailed;

    /// <summary>Every instrument, made from one meter.</summary>
    private sealed class Instruments(Meter meter)
    {
        public readonly Meter Meter = meter;

        public readonly Counter<long> ConnectionsAccepted =
            meter.CreateCounter<long>("nodenet.connections.accepted", "{connection}", "Connections accepted by servers");

        public readonly UpDownCounter<long> ConnectionsActive =
            meter.CreateUpDownCounter<long>("nodenet.connections.active", "{connection}", "Open connections (tag direction: inbound or outbound)");

        public readonly Histogram<double> ConnectionDuration = meter.CreateHistogram<double>("nodenet.connection.duration", "s",
            "How long connections lived, from accept or connect to destroy (tag error.type when destroyed by an error)");

        public readonly Counter<long> ConnectionsDropped =
            meter.CreateCounter<long>("nodenet.connections.dropped", "{connection}", "Connections closed at accept (tag reason)");

        public readonly Counter<long> BytesRead = meter.CreateCounter<long>("nodenet.bytes.read", "By", "Bytes received");

        public readonly Counter<long> BytesWritten = meter.CreateCounter<long>("nodenet.bytes.written", "By", "Bytes handed to the kernel");

        public readonly UpDownCounter<long> WriteQueueBytes =
            meter.CreateUpDownCounter<long>("nodenet.write_queue.bytes", "By", "Bytes written by the application and not yet handed to the kernel");

        public readonly Counter<long> IpcHandlesDiscarded = meter.CreateCounter<long>("nodenet.ipc.handles.discarded", "{handle}",
            "Descriptors received over IPC and closed because nobody may take them (tag reason: unannounced, invalid, queue_full, not_adopted)");

        public readonly Counter<long> LoopsFailed = meter.CreateCounter<long>("nodenet.server.loops.failed", "{loop}",
            "Server loops that ended with an uncaught exception (tag replaced: whether a new loop took its place)");

        public readonly ObservableCounter<double> LoopIdleTime = meter.CreateObservableCounter("nodenet.loop.idle_time",
            () => EachLoop<double>(r => r.idleSeconds), "s", "Time each event loop spent waiting for events (performance.eventLoopUtilization's idle)");
        public readonly ObservableCounter<long> LoopIterations = meter.CreateObservableCounter("nodenet.loop.iterations",
            () => EachLoop<long>(r => r.iterations), "{iteration}", "Turns of each event loop (libuv 1.45 or later)");
        public readonly ObservableCounter<long> LoopEvents = meter.CreateObservableCounter("nodenet.loop.events",
            () => EachLoop<long>(r => r.events), "{event}", "Events each event loop has handled (libuv 1.45 or later)");
    }

    /// <summary>Why a received descriptor was closed: no frame announced it; it is not the socket its frame announced;
    /// the queue for ReceiveHandleAsync was full; a 'message' or 'handle' listener saw it and did not adopt it.</summary>
    internal static readonly KeyValuePair<string, object?> ReasonUnannounced = new("reason", "unannounced"),
        ReasonInvalid = new("reason", "invalid"), ReasonQueueFull = new("reason", "queue_full"), ReasonNotAdopted = new("reason", "not_adopted");

    /// <summary>What a live loop reports to the observable loop instruments: idle seconds, turns and events (the last two
    /// null with a libuv before 1.45); null once the loop has ended.</summary>
    internal delegate (double idleSeconds, long? iterations, long? events)? LoopReader();

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<int, (string name, LoopReader read)> s_loops = new();

    private static int s_lastLoop;

    /// <summary>A loop's instruments, tagged with its thread's name and a number of its own; the number is what
    /// <see cref="LoopEnded"/> takes.</summary>
    internal static int LoopStarted(string name, LoopReader read)
    {
        int id = Interlocked.Increment(ref s_lastLoop);
        s_loops[id] = (name, read);
        return id;
    }

    internal static void LoopEnded(int id) => s_loops.TryRemove(id, out _);

    private static IEnumerable<Measurement<T>> EachLoop<T>(Func<(double idleSeconds, long? iterations, long? events), T?> pick) where T : struct
    {
        foreach (var (id, (name, read)) in s_loops)
            if (read() is { } r && pick(r) is { } value)
                yield return new Measurement<T>(value, new KeyValuePair<string, object?>("nodenet.loop.thread", name), new KeyValuePair<string, object?>("nodenet.loop.id", id));
    }

    internal static readonly KeyValuePair<string, object?> ReasonMaxConnections = new("reason", "max_connections");
    internal static readonly KeyValuePair<string, object?> ReasonNoLoop = new("reason", "no_loop");
    internal static readonly KeyValuePair<string, object?> ReasonAcceptError = new("reason", "accept_error");

    // OpenTelemetry's attribute names (semantic conventions for connections, as Kestrel's own metrics use them).
    private const string Direction = "direction", Transport = "network.transport", NetworkType = "network.type",
        ServerAddress = "server.address", ServerPort = "server.port", ErrorType = "error.type";

    private static readonly KeyValuePair<string, object?>[] OutboundTcp = [new(Direction, "outbound"), new(Transport, "tcp")];
    private static readonly KeyValuePair<string, object?>[] OutboundPipe = [new(Direction, "outbound"), new(Transport, PipeTransport)];
    private static readonly KeyValuePair<string, object?>[] InboundOnly = [new(Direction, "inbound")]; // not yet listening, or adopted over IPC

    /// <summary>OpenTelemetry's network.transport for local sockets: "unix", or "pipe" for Windows named pipes.</summary>
    private static string PipeTransport => OperatingSystem.IsWindows() ? "pipe" : "unix";

    /// <summary>The tags of connections a server accepts, computed once when it listens; a pipe has a path and no family.</summary>
    internal static KeyValuePair<string, object?>[] ServerTags(string address, string? family, int port)
    {
        if (family == null) return [new(Direction, "inbound"), new(Transport, PipeTransport), new(ServerAddress, address)];
        return [new(Direction, "inbound"), new(Transport, "tcp"), new(NetworkType, family == "IPv6" ? "ipv6" : "ipv4"),
            new(ServerAddress, address), new(ServerPort, port)];
    }

    /// <summary>The tags of an inbound connection whose server is unknown (not yet listening, or adopted over IPC).</summary>
    internal static KeyValuePair<string, object?>[] Inbound => InboundOnly;

    /// <summary>The tags of a client connection: server.* names the peer, as OpenTelemetry has it for clients. Built only
    /// while someone listens; the shared arrays otherwise (the tags of +1 and -1 need only agree with each other).</summary>
    internal static KeyValuePair<string, object?>[] ClientTags(bool isPipe, string? peerAddress, int? peerPort)
    {
        if (peerAddress == null) return isPipe ? OutboundPipe : OutboundTcp;
        if (isPipe) return [new(Direction, "outbound"), new(Transport, PipeTransport), new(ServerAddress, peerAddress)];
        return [new(Direction, "outbound"), new(Transport, "tcp"), new(NetworkType, peerAddress.Contains(':') ? "ipv6" : "ipv4"),
            new(ServerAddress, peerAddress), new(ServerPort, peerPort)];
    }

    /// <summary>Whether anyone listens to the per-connection instruments (then client connections get their own tags).</summary>
    internal static bool ConnectionsObserved => ConnectionsActive.Enabled || ConnectionDuration.Enabled;

    /// <summary>A server with <paramref name="tags"/> accepted a connection (it is counted active by its socket).</summary>
    internal static void Accepted(KeyValuePair<string, object?>[] tags) => ConnectionsAccepted.Add(1, tags.AsSpan(1)); // the direction is implied

    /// <summary>A counted connection was destroyed: it is no longer active, and its lifetime is recorded.</summary>
    internal static void ConnectionEnded(KeyValuePair<string, object?>[] tags, long startedAt, Exception? error)
    {
        ConnectionsActive.Add(-1, tags);
        if (!ConnectionDuration.Enabled) return;
        var all = new TagList(tags);
        if (error != null) all.Add(ErrorType, error is INodeError e ? e.Code : error.GetType().Name);
        ConnectionDuration.Record(Stopwatch.GetElapsedTime(startedAt).TotalSeconds, all);
    }
}
