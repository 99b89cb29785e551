using IncidentService.Shared;
using NodaTime;

namespace IncidentService.Intake.Changes;

/// <summary>
/// An <see cref="IChangeLog"/> in memory, for dev mode and tests: per service, changes sorted by instant. Not durable:
/// a restarted node starts empty. Keeps the newest 10,000 changes per service.
/// </summary>
/// <remarks>Thread-safe: one lock guards all services (change events are rare next to alerts).</remarks>
public sealed class InMemoryChangeLog : IChangeLog
{
    private const int KeepPerService = 10_000;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, List<ChangeRecord>> _byService = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public Task RecordAsync(ChangeRecord change, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        lock (_gate)
        {
            if (!_byService.TryGetValue(change.Service, out var changes))
            {
                _byService[change.Service] = changes = [];
            }

            // Stable: a change at the same instant as others goes after them.
            var at = changes.FindLastIndex(c => c.At <= change.At) + 1;
            changes.Insert(at, change);
            if (changes.Count > KeepPerService)
            {
                changes.RemoveAt(0);
            }
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ChangeRecord>> ForServiceAsync(string service, Instant from, Instant to, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(service);
        lock (_gate)
        {
            IReadOnlyList<ChangeRecord> found = _byService.TryGetValue(service, out var changes)
                ? [.. changes.Where(c => c.At >= from && c.At <= to)]
                : [];
            return Task.FromResult(found);
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ChangeRecord>> FlaggedAsync(Instant since, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            IReadOnlyList<ChangeRecord> found =
                [.. _byService.Values.SelectMany(c => c).Where(c => c.Flagged && c.At >= since).OrderByDescending(c => c.At)];
            return Task.FromResult(found);
        }
    }
}
