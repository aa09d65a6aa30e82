using Microsoft.Extensions.Logging;

namespace NodeNet.PlatformTests;

/// <summary>Prints NodeNet's warnings and errors (an uncaught exception that ends a loop above all), so a failed check
/// under Wine or qemu shows its cause and not only the timeout or "loop ended" that follows it.</summary>
internal sealed class ConsoleErrors : ILoggerFactory, ILogger
{
    public ILogger CreateLogger(string categoryName) => this;
    public void AddProvider(ILoggerProvider provider) { }
    public void Dispose() { }
    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!IsEnabled(logLevel)) return;
        lock (this) Console.WriteLine($"nodenet {logLevel}: {formatter(state, exception)}{(exception != null ? "\n" + exception : "")}");
    }
}
