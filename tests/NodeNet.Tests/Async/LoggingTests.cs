using Microsoft.Extensions.Logging;
using Xunit;

namespace NodeNet.Tests.Async;

[Collection("metrics")] // the logger factory is process-wide, like the meter
public class LoggingTests
{
    private sealed class Capture : ILoggerFactory, ILogger
    {
        public readonly List<(LogLevel level, string message)> Entries = [];
        public ILogger CreateLogger(string categoryName) => this;
        public void AddProvider(ILoggerProvider provider) { }
        public void Dispose() { }
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (Entries) Entries.Add((logLevel, formatter(state, exception)));
        }
    }

    [Fact]
    public void Listen_close_and_drops_are_logged_once_a_factory_is_set()
    {
        var capture = new Capture();
        NodeNetLogging.LoggerFactory = capture;
        try
        {
            int port = 0;
            TestLoop.Run(() =>
            {
                var server = Net.CreateServer(s => s.Resume());
                server.MaxConnections = 1;
                server.Listen(0, "127.0.0.1", () =>
                {
                    port = server.Address()!.Port;
                    var a = Net.Connect(port, "127.0.0.1", () =>
                    {
                        var b = Net.Connect(port, "127.0.0.1");
                        b.Resume();
                        b.On("close", () => server.Close());
                    });
                    a.Resume();
                    server.On("drop", () => a.Destroy());
                });
            });
            string[] messages = [.. capture.Entries.Select(e => $"{e.level}: {e.message}")];
            Assert.Contains($"Information: Server listening on 127.0.0.1:{port}", messages);
            Assert.Contains($"Information: Server on 127.0.0.1:{port} closed", messages);
            Assert.Contains(messages, m => m.StartsWith("Warning: Connection from 127.0.0.1:") && m.EndsWith("dropped: maxConnections (1) reached"));
        }
        finally { NodeNetLogging.LoggerFactory = null!; }
    }
}
