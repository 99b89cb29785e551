using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace IncidentService.Tests.Intake.Slack;

/// <summary>Keeps the messages logged at warning level or above.</summary>
internal sealed class RecordingLogger<T> : ILogger<T>
{
    private readonly ConcurrentQueue<string> _warnings = new();

    public IReadOnlyList<string> Warnings => [.. _warnings];

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        if (logLevel >= LogLevel.Warning)
        {
            _warnings.Enqueue(formatter(state, exception));
        }
    }
}
