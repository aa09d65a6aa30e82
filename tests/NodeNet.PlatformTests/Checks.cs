namespace NodeNet.PlatformTests;

internal sealed record Check(string Name, Func<Task> Body);

internal static class Checks
{
    /// <summary>Every check; the smoke set is the echo over IPC and TCP (what qemu runs).</summary>
    public static IEnumerable<Check> All(bool smoke)
    {
        int big = smoke ? 1 << 20 : 16 << 20, connections = smoke ? 2 : 4;
        yield return new("ipc-echo", () => PipeChecks.Echo(big, connections));
        yield return new("tcp-echo", () => TcpChecks.Echo(big, connections));
        if (smoke) yield break;
        yield return new("ipc-listen-address", PipeChecks.ListenAddress);
        yield return new("ipc-eaddrinuse", PipeChecks.AddressInUse);
        yield return new("ipc-enoent", PipeChecks.Missing);
        yield return new("ipc-close-then-listen-again", PipeChecks.CloseAndListenAgain);
        yield return new("ipc-readable-writable-all", PipeChecks.ReadableWritableAll);
        yield return new("ipc-max-connections-drop", PipeChecks.MaxConnectionsDrop);
        yield return new("ipc-pending-instances", PipeChecks.PendingInstances);
        yield return new("ipc-unref-ref", PipeChecks.UnrefRef);
        yield return new("ipc-half-close-client-first", () => PipeChecks.HalfClose(clientFirst: true));
        yield return new("ipc-half-close-server-first", () => PipeChecks.HalfClose(clientFirst: false));
        yield return new("ipc-peer-pid", PipeChecks.PeerPid);
        yield return new("tcp-two-loops", () => LoopChecks.TwoLoops(pipe: false));
        yield return new("ipc-two-loops", () => LoopChecks.TwoLoops(pipe: true));
        yield return new("tcp-transfer-between-loops", LoopChecks.Transfer);
        yield return new("tcp-listen-any-port", TcpChecks.ListenAnyPort);
        yield return new("tcp-default-host-dual-stack", TcpChecks.DefaultHostDualStack);
        yield return new("tcp-econnrefused", TcpChecks.Refused);
        yield return new("tcp-eaddrinuse", TcpChecks.AddressInUse);
    }
}
