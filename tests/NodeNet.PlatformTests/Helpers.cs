namespace NodeNet.PlatformTests;

internal static class Helpers
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    /// <summary>A fresh IPC name: a named pipe on Windows, a socket path in the temp folder elsewhere.</summary>
    public static string PipeName() => OperatingSystem.IsWindows()
        ? $@"\\.\pipe\nodenet-{Guid.NewGuid():N}"
        : Path.Combine(Path.GetTempPath(), $"nodenet-{Guid.NewGuid().ToString("N")[..12]}.sock");

    public static Task<T> On<T>(this EventLoop loop, Func<T> f)
    {
        var tcs = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        loop.Post(() => { try { tcs.SetResult(f()); } catch (Exception e) { tcs.SetException(e); } });
        return tcs.Task.WaitAsync(Deadline);
    }

    public static Task On(this EventLoop loop, Action f) => loop.On(() => { f(); return true; });

    /// <summary>A Node-style echo server on <paramref name="loop"/>.</summary>
    public static Task<Server> EchoServer(EventLoop loop, ServerOptions? options = null) =>
        loop.On(() => Net.CreateServer(options ?? new ServerOptions(), s =>
        {
            s.On<Exception>("error", _ => { });
            s.On<byte[]>("data", d => { if (!s.Write(d)) { s.Pause(); s.Once("drain", () => s.Resume()); } });
        }));

    /// <summary>Sends <paramref name="bytes"/> of a pattern through an echo connection and checks every byte came back
    /// in order (compared as it arrives: no hashing, since qemu runs have no arm64 OpenSSL for .NET's crypto).</summary>
    public static async Task EchoRoundTrip(Socket client, int bytes, int seed)
    {
        var data = new byte[bytes];
        new Random(seed).NextBytes(data);
        var reading = Task.Run(async () =>
        {
            var buffer = new byte[64 * 1024];
            int got = 0;
            while (got < bytes)
            {
                int n = await client.ReadAsync(buffer);
                if (n == 0) throw new CheckFailed($"echo ended after {got} of {bytes} bytes");
                if (got + n > bytes || !buffer.AsSpan(0, n).SequenceEqual(data.AsSpan(got, n)))
                    throw new CheckFailed($"the echo differs from what was sent within bytes {got}..{got + n}");
                got += n;
            }
        });
        for (int off = 0; off < bytes; off += 64 * 1024)
            await client.WriteAsync(data.AsMemory(off, Math.Min(64 * 1024, bytes - off)));
        await reading.WaitAsync(Deadline);
    }

    public static async Task<INodeError> Fails(Func<Task> action, string what)
    {
        try { await action().WaitAsync(Deadline); }
        catch (Exception e) when (e is INodeError n) { return n; }
        throw new CheckFailed($"{what} did not fail");
    }
}
