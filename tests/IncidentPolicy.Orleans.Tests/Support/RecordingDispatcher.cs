using System.Collections.Concurrent;
using IncidentPolicy.Orleans.WakeUps;
using NodaTime;

namespace IncidentPolicy.Orleans.Tests.Support;

/// <summary>Keeps every action handed to it, with the clock's instant; can be told to throw for chosen keys a number
/// of times first. Thread-safe.</summary>
internal sealed class RecordingDispatcher(IClock clock) : IIncidentDispatcher
{
    private readonly ConcurrentQueue<(DueAction Action, Instant At)> _sent = new();
    private readonly ConcurrentDictionary<string, int> _failuresLeft = new(StringComparer.Ordinal);
    private int _attempts;

    public IReadOnlyList<(DueAction Action, Instant At)> Sent => [.. _sent];

    public int Attempts => Volatile.Read(ref _attempts);

    /// <summary>Throws for the next <paramref name="times"/> attempts at an obligation key (any incident).</summary>
    public void FailNext(string obligationKey, int times) => _failuresLeft[obligationKey] = times;

    public Task DispatchAsync(DueAction action, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _attempts);
        if (_failuresLeft.TryGetValue(action.ObligationKey, out var left) && left > 0
            && _failuresLeft.TryUpdate(action.ObligationKey, left - 1, left))
        {
            throw new InvalidOperationException($"pager down for {action.ObligationKey}");
        }

        _sent.Enqueue((action, clock.GetCurrentInstant()));
        return Task.CompletedTask;
    }
}
