using System.Collections.Concurrent;
using System.Text;
using Microsoft.Extensions.Logging;
using Xunit;

namespace NodeNet.Tests.Cluster;

/// <summary>A loop that dies takes its own connections only; the server says so in its log.</summary>
[Collection("metrics")] // the logger factory is process-wide
public class LoopFaultTests
{
    private static readonly TimeSpan Deadline = LoopHelpers.Deadline;

    private sealed class ListLoggerFactory(ConcurrentQueue<string> messages) : ILoggerFactory, ILogger
    {
        public ILogger CreateLogger(string categoryName) => this;
        public void AddProvider(ILoggerProvider provider) { }
        public void Dispose() { }
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            messages.Enqueue(formatter(state, exception));
    }

    private static async Task Echo(Socket c, string text)
    {
        await c.WriteAsync(Encoding.ASCII.GetBytes(text)).WaitAsync(Deadline);
        var buffer = new byte[text.Length];
        int got = 0;
        while (got < buffer.Length) got += await c.ReadAsync(buffer.AsMemory(got)).AsTask().WaitAsync(Deadline);
        Assert.Equal(text, Encoding.ASCII.GetString(buffer));
    }

    private static async Task WaitFor(EventLoop loop, Func<bool> condition)
    {
        for (int i = 0; i < 400 && !await loop.On(condition); i++) await Task.Delay(10);
        Assert.True(await loop.On(condition));
    }

    [Fact]
    public async Task A_loop_whose_code_throws_takes_only_its_connections_and_the_others_serve_on()
    {
        await using var loop = EventLoop.StartHosted();
        var messages = new ConcurrentQueue<string>();
        NodeNetLogging.LoggerFactory = new ListLoggerFactory(messages);
        try
        {
            int seen = 0;
            var server = await loop.On(() => Net.CreateServer(new ServerOptions { Loops = 3 }, s =>
            {
                s.On<Exception>("error", _ => { });
                // The second connection lands on loop 1 (round-robin); its loop has no uncaught-exception handler.
                if (Interlocked.Increment(ref seen) == 2) throw new InvalidOperationException("user code failed on loop 1");
                s.On<byte[]>("data", d => s.Write(d));
            }));
            int port = (await server.ListenAsync(0, "127.0.0.1").WaitAsync(Deadline)).Port;
            var a = await Net.ConnectAsync(port, "127.0.0.1").WaitAsync(Deadline);
            await Echo(a, "loop 0");
            var b = await Net.ConnectAsync(port, "127.0.0.1").WaitAsync(Deadline);
            Assert.Equal(0, await b.ReadAsync(new byte[1]).AsTask().WaitAsync(Deadline)); // its loop, and it, are gone
            await WaitFor(loop, () => server.Connections == 1);
            var more = new List<Socket>();
            for (int i = 0; i < 4; i++) more.Add(await Net.ConnectAsync(port, "127.0.0.1").WaitAsync(Deadline));
            foreach (var c in more) await Echo(c, "still served");
            Assert.Equal(0, (await loop.On(() => server.ConnectionsPerLoop))[1]);
            Assert.Contains(messages, m => m.Contains("Loop 1") && m.Contains("the other loops go on accepting"));
            foreach (var c in more.Append(a).Append(b)) await c.DisposeAsync();
            await server.CloseAsync().WaitAsync(Deadline);
        }
        finally { NodeNetLogging.LoggerFactory = null!; }
    }

}
