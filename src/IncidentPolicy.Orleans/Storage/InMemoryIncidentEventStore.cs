using IncidentPolicy.Lifecycle;
using NodaTime;

namespace IncidentPolicy.Orleans.Storage;

/// <summary>
/// An <see cref="IIncidentEventStore"/> in the process's memory, for tests and single-node dev mode. It keeps every
/// rule of the interface (append-only, one event per incident and version, the head written with its event), but
/// everything is lost with the process: it is not durable, and silos in different processes do not share it.
/// </summary>
/// <remarks>Thread-safe: one lock guards the whole store, so every call sees a consistent state.</remarks>
public sealed class InMemoryIncidentEventStore : IIncidentEventStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, List<IncidentEvent>> _logs = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IncidentHead> _heads = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _policies = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public Task<IReadOnlyList<IncidentEvent>> ReadAsync(string incidentId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(incidentId);
        lock (_gate)
        {
            IReadOnlyList<IncidentEvent> events = _logs.TryGetValue(incidentId, out var log) ? [.. log] : [];
            return Task.FromResult(events);
        }
    }

    /// <inheritdoc />
    public Task<bool> AppendAsync(string incidentId, int expectedVersion, IncidentEvent incidentEvent, IncidentHead head, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(incidentId);
        ArgumentNullException.ThrowIfNull(incidentEvent);
        ArgumentNullException.ThrowIfNull(head);
        ArgumentOutOfRangeException.ThrowIfNegative(expectedVersion);
        lock (_gate)
        {
            if (!_logs.TryGetValue(incidentId, out var log))
            {
                log = [];
                _logs.Add(incidentId, log);
            }

            if (log.Count != expectedVersion)
            {
                return Task.FromResult(false);
            }

            log.Add(incidentEvent);
            _heads[incidentId] = head;
            return Task.FromResult(true);
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<IncidentHead>> ListOpenAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            IReadOnlyList<IncidentHead> open =
            [
                .. _heads.Values
                    .Where(head => IsOpen(head.Status))
                    .OrderBy(head => head.AlertAt)
                    .ThenBy(head => head.IncidentId, StringComparer.Ordinal),
            ];
            return Task.FromResult(open);
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<IncidentHead>> ListEndedSinceAsync(Instant since, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        lock (_gate)
        {
            IReadOnlyList<IncidentHead> ended =
            [
                .. _heads.Values
                    .Where(head => !IsOpen(head.Status) && head.LastEventAt >= since)
                    .OrderByDescending(head => head.LastEventAt)
                    .ThenBy(head => head.IncidentId, StringComparer.Ordinal)
                    .Take(limit),
            ];
            return Task.FromResult(ended);
        }
    }

    /// <inheritdoc />
    public Task<string?> FindOpenByDedupKeyAsync(string dedupKey, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dedupKey);
        lock (_gate)
        {
            var match = _heads.Values
                .Where(head => IsOpen(head.Status) && string.Equals(head.DedupKey, dedupKey, StringComparison.Ordinal))
                .OrderBy(head => head.AlertAt)
                .ThenBy(head => head.IncidentId, StringComparer.Ordinal)
                .FirstOrDefault();
            return Task.FromResult(match?.IncidentId);
        }
    }

    /// <inheritdoc />
    public Task SavePolicyAsync(string hash, string policyJson, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(hash);
        ArgumentNullException.ThrowIfNull(policyJson);
        lock (_gate)
        {
            _policies.TryAdd(hash, policyJson);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<string?> ReadPolicyAsync(string hash, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(hash);
        lock (_gate)
        {
            return Task.FromResult(_policies.GetValueOrDefault(hash));
        }
    }

    /// <summary>Whether a status counts as open for the index and for de-duplication.</summary>
    internal static bool IsOpen(IncidentStatus status) =>
        status is IncidentStatus.Triggered or IncidentStatus.Acknowledged or IncidentStatus.Investigating or IncidentStatus.Mitigated;
}
