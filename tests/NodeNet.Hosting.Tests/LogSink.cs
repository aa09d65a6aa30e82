using Microsoft.Extensions.Logging;

namespace NodeNet.Hosting.Tests;

/// <summary>A logger provider that keeps every entry, with the scopes it was written in.</summary>
public sealed class LogSink : ILoggerProvider, ISupportExternalScope
{
    public sealed record Entry(string Category, LogLevel Level, string Message, Exception? Exception, string Scopes);

    private readonly List<Entry> _entries = [];
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public IReadOnlyList<Entry> Entries { get { lock (_entries) return [.. _entries]; } }

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose() { }

    private sealed class Logger(LogSink sink, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => sink._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var scopes = new List<string>();
            sink._scopes.ForEachScope((scope, list) => list.Add(scope?.ToString() ?? ""), scopes);
            lock (sink._entries) sink._entries.Add(new Entry(category, logLevel, formatter(state, exception), exception, string.Join(" => ", scopes)));
        }
    }
}
