namespace NodeNet.Tests;

/// <summary>Running work on a hosted loop from test code, with a deadline on every wait.</summary>
internal static class LoopHelpers
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);

    /// <summary>Runs <paramref name="f"/> on the loop thread and returns its result (or its exception).</summary>
    public static Task<T> On<T>(this EventLoop loop, Func<T> f)
    {
        var tcs = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        loop.Post(() => { try { tcs.SetResult(f()); } catch (Exception e) { tcs.SetException(e); } });
        return tcs.Task.WaitAsync(Deadline);
    }

    public static Task On(this EventLoop loop, Action f) => loop.On(() => { f(); return true; });

    /// <summary>Writes <paramref name="text"/> to an echo server through the Task API and checks it comes back whole.</summary>
    public static async Task Echo(Socket c, string text)
    {
        await c.WriteAsync(System.Text.Encoding.ASCII.GetBytes(text)).WaitAsync(Deadline);
        var buffer = new byte[text.Length];
        int got = 0;
        while (got < buffer.Length) got += await c.ReadAsync(buffer.AsMemory(got)).AsTask().WaitAsync(Deadline);
        Xunit.Assert.Equal(text, System.Text.Encoding.ASCII.GetString(buffer));
    }

    /// <summary>Polls <paramref name="condition"/> on the loop thread until it holds; fails the test after <see cref="Deadline"/>.
    /// For state that settles through events the test cannot await (counts updated on other loops).</summary>
    public static async Task WaitFor(this EventLoop loop, Func<bool> condition, string? what = null)
    {
        var until = DateTime.UtcNow + Deadline;
        while (!await loop.On(condition))
        {
            if (DateTime.UtcNow > until) throw new Xunit.Sdk.XunitException($"{what ?? "the condition"} did not hold within {Deadline.TotalSeconds} s");
            await Task.Delay(5);
        }
    }

    /// <summary>A Node-style echo server on 127.0.0.1 (any port) on <paramref name="loop"/>; returns it and its port.</summary>
    public static async Task<(Server server, int port)> EchoServer(EventLoop loop, ServerOptions? options = null)
    {
        var server = await loop.On(() => Net.CreateServer(options, s => { s.On<Exception>("error", _ => { }); s.On<byte[]>("data", d => s.Write(d)); }));
        int port = (await server.ListenAsync(0, "127.0.0.1").WaitAsync(Deadline)).Port;
        return (server, port);
    }
}
