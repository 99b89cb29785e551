using System.Collections.Concurrent;
using IncidentPolicy.Lifecycle;
using IncidentService.Shared;

namespace IncidentService.Api;

/// <summary>
/// Reads incidents for the API so that <see cref="Incident.CanView"/> can be asked, through the service's one
/// <see cref="IncidentLogReader"/> (lenient replay under the policy the incident is governed by). Replayed incidents
/// are kept by id and version, so a second read of an unchanged incident costs one grain call. Thread-safe.
/// </summary>
internal sealed class IncidentReader(IncidentLogReader logs)
{
    private const int MaxCached = 10_000;
    private readonly ConcurrentDictionary<string, ReadIncident> _cache = new(StringComparer.Ordinal);

    /// <summary>Reads an incident through its grain.</summary>
    /// <param name="id">The incident's id.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The incident, or <see langword="null"/> when it does not exist.</returns>
    public async Task<ReadIncident?> ReadAsync(string id, CancellationToken cancellationToken)
    {
        var log = await logs.ReadLogAsync(id, cancellationToken);
        if (log is null)
        {
            return null;
        }

        if (_cache.TryGetValue(id, out var cached) && cached.Incident.Version == log.Events.Count)
        {
            return cached with { EventLogJson = log.Json };
        }

        var incident = await logs.ReplayAsync(log, lenient: true, cancellationToken);
        var read = new ReadIncident(incident, log.Json);
        if (_cache.Count >= MaxCached)
        {
            _cache.Clear();
        }

        _cache[id] = read;
        return read;
    }

    /// <summary>Reads an incident whose version the caller knows (from the open-incident index): without a grain call
    /// when that version is already replayed.</summary>
    /// <param name="id">The incident's id.</param>
    /// <param name="version">Its version, as the index gave it.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The incident (possibly newer than <paramref name="version"/>), or <see langword="null"/>.</returns>
    public Task<ReadIncident?> ReadAsync(string id, int version, CancellationToken cancellationToken) =>
        _cache.TryGetValue(id, out var cached) && cached.Incident.Version == version
            ? Task.FromResult<ReadIncident?>(cached)
            : ReadAsync(id, cancellationToken);

    /// <summary>Reads an incident the actor may see.</summary>
    /// <param name="id">The incident's id.</param>
    /// <param name="actor">Who asks.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The incident, or <see langword="null"/> when it does not exist or the actor may not see it — the same
    /// answer for both, so that a restricted incident's existence does not leak.</returns>
    public async Task<ReadIncident?> ReadVisibleAsync(string id, Actor actor, CancellationToken cancellationToken)
    {
        var read = await ReadAsync(id, cancellationToken);
        return read is not null && read.Incident.CanView(actor) ? read : null;
    }
}
