using System.Collections.Concurrent;
using IncidentPolicy;
using IncidentPolicy.Lifecycle;
using IncidentPolicy.Orleans.Grains;
using IncidentPolicy.Orleans.Storage;
using IncidentPolicy.Serialization;
using IncidentService.Hosting;

namespace IncidentService.Shared;

/// <summary>
/// The one place the service turns an incident's grain into an <see cref="Incident"/>: it asks the grain for its event
/// log (<see cref="IIncidentGrain.GetEventLogJsonAsync"/>) and replays it under the policy the incident is governed by —
/// the last <see cref="PolicyAdopted"/>'s hash, else the one its <see cref="AlertFired"/> recorded; the host's policy
/// when the log names none or names the host's; otherwise the event store's text for that hash, parsed once. The API,
/// the pages and Slack commands all read through it, so they agree on what an incident is and who may see it
/// (<see cref="Incident.CanView"/>).
/// </summary>
/// <remarks>Thread-safe. It keeps parsed policies by hash (a handful per deployment), not incidents: the callers
/// decide what to cache.</remarks>
public sealed class IncidentLogReader
{
    private readonly IGrainFactory _grains;
    private readonly IIncidentEventStore _store;
    private readonly ConcurrentDictionary<string, ResponsePolicy> _policies = new(StringComparer.Ordinal);

    /// <summary>Creates a reader.</summary>
    /// <param name="grains">The grain factory.</param>
    /// <param name="store">The event store (for policies by hash).</param>
    /// <param name="hostPolicy">The policy the silo runs, used for a log that names no policy.</param>
    public IncidentLogReader(IGrainFactory grains, IIncidentEventStore store, ResponsePolicy hostPolicy)
    {
        ArgumentNullException.ThrowIfNull(grains);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(hostPolicy);
        _grains = grains;
        _store = store;
        HostPolicy = hostPolicy;
        _policies[hostPolicy.ContentHash] = hostPolicy;
    }

    /// <summary>Creates the reader from the services (for registration): the host's policy is the service
    /// configuration's, else a <see cref="ResponsePolicy"/> in the services, else the seed's.</summary>
    /// <param name="services">The services.</param>
    /// <returns>The reader.</returns>
    public static IncidentLogReader Create(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var host = services.GetService<ServiceConfiguration>()?.Policy ?? services.GetService<ResponsePolicy>() ?? ResponsePolicy.Default;
        return new IncidentLogReader(services.GetRequiredService<IGrainFactory>(), services.GetRequiredService<IIncidentEventStore>(), host);
    }

    /// <summary>The policy for a log that names none.</summary>
    public ResponsePolicy HostPolicy { get; }

    /// <summary>Reads an incident's event log from its grain.</summary>
    /// <param name="incidentId">The incident's id.</param>
    /// <param name="cancellationToken">Cancels the wait (not the grain call).</param>
    /// <returns>The log document and its events, or <see langword="null"/> when the incident does not exist (no log,
    /// or an empty one).</returns>
    /// <exception cref="EventLogException">The grain's document is not a valid event log.</exception>
    public async Task<IncidentLog?> ReadLogAsync(string incidentId, CancellationToken cancellationToken)
    {
        var json = await _grains.GetGrain<IIncidentGrain>(incidentId).GetEventLogJsonAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
        if (json is null)
        {
            return null;
        }

        var events = EventLogJson.Parse(json).Events;
        return events.Count == 0 ? null : new IncidentLog(incidentId, json, events);
    }

    /// <summary>Replays a log under the policy it names.</summary>
    /// <param name="log">The log.</param>
    /// <param name="lenient">Whether to replay leniently (<see cref="Incident.ReplayLenient"/>: an event the policy
    /// would refuse today is kept as recorded) — for answering requests; <see langword="false"/> replays strictly and
    /// throws <see cref="ReplayException"/> for such a log — for the pages, which list it as unreadable.</param>
    /// <param name="cancellationToken">Cancels reading a policy from the store.</param>
    /// <returns>The incident.</returns>
    /// <exception cref="InvalidOperationException">The store has no policy with the hash the log names.</exception>
    public async Task<Incident> ReplayAsync(IncidentLog log, bool lenient, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(log);
        var policy = await PolicyOfAsync(log.Events, cancellationToken).ConfigureAwait(false);
        return lenient
            ? Incident.ReplayLenient(policy, log.IncidentId, log.Events).Incident
            : Incident.Replay(policy, log.IncidentId, log.Events);
    }

    /// <summary>Reads and replays (leniently) an incident the actor may see.</summary>
    /// <param name="incidentId">The incident's id.</param>
    /// <param name="actor">Who asks.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The incident, or <see langword="null"/> when it does not exist or the actor may not see it — the same
    /// answer for both, so that a restricted incident's existence does not leak.</returns>
    public async Task<Incident?> ReadVisibleAsync(string incidentId, Actor actor, CancellationToken cancellationToken)
    {
        var log = await ReadLogAsync(incidentId, cancellationToken).ConfigureAwait(false);
        if (log is null)
        {
            return null;
        }

        var incident = await ReplayAsync(log, lenient: true, cancellationToken).ConfigureAwait(false);
        return incident.CanView(actor) ? incident : null;
    }

    /// <summary>The policy a log is governed by.</summary>
    /// <param name="events">The log's events.</param>
    /// <param name="cancellationToken">Cancels reading the policy from the store.</param>
    /// <returns>The policy.</returns>
    /// <exception cref="InvalidOperationException">The store has no policy with the hash the log names.</exception>
    public async Task<ResponsePolicy> PolicyOfAsync(IReadOnlyList<IncidentEvent> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        var hash = events.OfType<PolicyAdopted>().LastOrDefault()?.PolicyHash
            ?? events.OfType<AlertFired>().FirstOrDefault()?.PolicyHash;
        if (hash is null)
        {
            return HostPolicy;
        }

        if (_policies.TryGetValue(hash, out var known))
        {
            return known;
        }

        var text = await _store.ReadPolicyAsync(hash, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"the event store has no policy {hash}");
        return _policies.GetOrAdd(hash, PolicyJson.Parse(text));
    }
}
