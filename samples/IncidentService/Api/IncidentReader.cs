using System.Collections.Concurrent;
using IncidentPolicy;
using IncidentPolicy.Lifecycle;
using IncidentPolicy.Orleans.Grains;
using IncidentPolicy.Orleans.Storage;
using IncidentPolicy.Serialization;
using IncidentService.Hosting;

namespace IncidentService.Api;

/// <summary>
/// Reads incidents for the API so that <see cref="Incident.CanView"/> can be asked: the grain gives its event log, which
/// is replayed here under the policy the incident is governed by (the last adopted policy's hash, else the one its
/// alert recorded: the current policy, or the store's text for that hash). Replayed incidents are kept by id and
/// version, so a second read of an unchanged incident costs one grain call. Thread-safe.
/// </summary>
internal sealed class IncidentReader(IGrainFactory grains, ServiceConfiguration settings, IIncidentEventStore store)
{
    private const int MaxCached = 10_000;
    private readonly ConcurrentDictionary<string, ReadIncident> _cache = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ResponsePolicy> _policies = new(StringComparer.Ordinal)
    {
        [settings.Policy.ContentHash] = settings.Policy,
    };

    /// <summary>Reads an incident through its grain.</summary>
    /// <param name="id">The incident's id.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The incident, or <see langword="null"/> when it does not exist.</returns>
    public async Task<ReadIncident?> ReadAsync(string id, CancellationToken cancellationToken)
    {
        var log = await grains.GetGrain<IIncidentGrain>(id).GetEventLogJsonAsync().WaitAsync(cancellationToken);
        if (log is null)
        {
            return null;
        }

        var events = IncidentPolicy.Serialization.EventLogJson.Parse(log).Events;
        if (events.Count == 0)
        {
            return null;
        }

        if (_cache.TryGetValue(id, out var cached) && cached.Incident.Version == events.Count)
        {
            return cached with { EventLogJson = log };
        }

        var hash = events.OfType<PolicyAdopted>().LastOrDefault()?.PolicyHash ?? (events[0] as AlertFired)?.PolicyHash;
        var policy = await PolicyAsync(hash, cancellationToken);
        var incident = Incident.ReplayLenient(policy, id, events).Incident;
        var read = new ReadIncident(incident, log);
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

    private async Task<ResponsePolicy> PolicyAsync(string? hash, CancellationToken cancellationToken)
    {
        if (hash is null)
        {
            return settings.Policy;
        }

        if (_policies.TryGetValue(hash, out var known))
        {
            return known;
        }

        var text = await store.ReadPolicyAsync(hash, cancellationToken)
            ?? throw new InvalidOperationException($"The event store has no policy {hash}.");
        return _policies.GetOrAdd(hash, PolicyJson.Parse(text));
    }
}
