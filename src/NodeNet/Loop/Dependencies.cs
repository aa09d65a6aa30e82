namespace NodeNet;

/// <summary>
/// Loads every assembly NodeNet uses before the first loop runs. .NET loads assemblies lazily, when a method that
/// needs one is first compiled, and loading opens a file. Error and teardown paths (a first Destroy, the first
/// accept error) often run first at the descriptor limit, where that open fails with EMFILE and the cleanup itself
/// would throw FileNotFoundException. Named by type (not by walking references) so trimming keeps them.
/// </summary>
internal static class Dependencies
{
    private static int s_done;

    public static void Preload()
    {
        if (Interlocked.Exchange(ref s_done, 1) != 0) return;
        Type[] used =
        [
            typeof(System.IO.Pipelines.Pipe),                         // System.IO.Pipelines: pull mode, destroy
            typeof(System.Threading.Channels.Channel),                // System.Threading.Channels: the accept queue
            typeof(System.Collections.Concurrent.ConcurrentQueue<>),  // System.Collections.Concurrent: posts
            typeof(System.Diagnostics.Metrics.Meter),                 // System.Diagnostics.DiagnosticSource: metrics
            typeof(Microsoft.Extensions.Logging.ILogger),             // Microsoft.Extensions.Logging.Abstractions
            typeof(System.Linq.Enumerable),                           // System.Linq: connect attempts
            typeof(System.Collections.Frozen.FrozenDictionary),       // System.Collections.Immutable: error names
        ];
        GC.KeepAlive(used);
        // Type initializers that error paths run first (error names, metrics, logging) would load the same way.
        System.Runtime.CompilerServices.RuntimeHelpers.RunClassConstructor(typeof(Native.UvErrors).TypeHandle);
        System.Runtime.CompilerServices.RuntimeHelpers.RunClassConstructor(typeof(NodeNetMetrics).TypeHandle);
        System.Runtime.CompilerServices.RuntimeHelpers.RunClassConstructor(typeof(NodeNetLogging).TypeHandle);
    }
}
