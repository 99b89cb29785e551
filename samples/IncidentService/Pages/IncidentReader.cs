using System.Collections.Concurrent;
using IncidentPolicy;
using IncidentPolicy.Lifecycle;
using IncidentPolicy.Primitives;
using IncidentPolicy.Obligations;
using IncidentPolicy.Orleans.Grains;
using IncidentPolicy.Orleans.Storage;
using IncidentPolicy.Serialization;
using IncidentService.Shared;
using Microsoft.Extensions.Options;
using NodaTime;

namespace IncidentService.Pages;

/// <summary>
/// Reads what the two pages show: the open incidents (<see cref="IOpenIncidentIndexGrain"/>), each one's event log
/// replayed strictly, under the policy it names, by the service's one <see cref="IncidentLogReader"/>, and evaluated at
/// the injected clock's instant; and the incidents that ended recently, listed by the event store
/// (<see cref="IIncidentEventStore.ListEndedSinceAsync"/>) — the same list on every node and after a restart.
/// </summary>
/// <remarks>
/// <para>Ended incidents: those whose last event is within the longer of <see cref="IncidentPagesOptions.ResolvedWindow"/>
/// and <see cref="IncidentPagesOptions.ActionItemLookback"/>, at most <see cref="IncidentPagesOptions.MaxEndedIncidents"/>
/// (the most recent kept). Their logs are read from the event store, not their grains, so a page does not activate a
/// grain per ended incident; and an ended incident replayed once is kept until its head's version moves, so a render
/// reads only the logs of incidents that changed since the last one (the first render after a start reads them all).
/// The kept replays are bounded by the listing: an incident no longer listed is dropped.</para>
/// <para>Thread-safe. An incident whose log cannot be read or replayed is reported by id and reason, never thrown:
/// a page must render while one incident is broken.</para>
/// </remarks>
internal sealed class IncidentReader(
    IGrainFactory grains,
    IncidentLogReader logs,
    IIncidentEventStore store,
    IClock clock,
    IOptions<IncidentPagesOptions> options,
    IServiceProvider services,
    ILogger<IncidentReader> logger)
{
    private readonly Lock _gate = new();
    private readonly ConcurrentDictionary<string, (int Version, Incident Incident)> _ended = new(StringComparer.Ordinal);
    private Task<PageSnapshot>? _inFlight;

    /// <summary>The policy for on-call and for incidents that name no policy: <see cref="IncidentPagesOptions.OnCallPolicy"/>,
    /// else a <see cref="ResponsePolicy"/> in the services, else the seed's.</summary>
    public ResponsePolicy HostPolicy =>
        options.Value.OnCallPolicy ?? services.GetService<ResponsePolicy>() ?? ResponsePolicy.Default;

    /// <summary>
    /// Reads like <see cref="ReadAsync"/>, but requests that arrive while a read is under way share it instead of
    /// starting their own: the public status page may be hit hard during an incident, and each read is one grain call
    /// per open incident. A shared answer is at most one read old; nothing is cached once the read completes.
    /// </summary>
    /// <param name="cancellationToken">Stops this caller's wait (not the shared read).</param>
    /// <returns>The snapshot.</returns>
    public Task<PageSnapshot> ReadSharedAsync(CancellationToken cancellationToken)
    {
        Task<PageSnapshot> read;
        lock (_gate)
        {
            if (_inFlight is null || _inFlight.IsCompleted)
            {
                _inFlight = ReadAsync(CancellationToken.None);
            }

            read = _inFlight;
        }

        return read.WaitAsync(cancellationToken);
    }

    /// <summary>Reads the open incidents and the recently ended ones, evaluated now.</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The snapshot.</returns>
    public async Task<PageSnapshot> ReadAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetCurrentInstant();
        var settings = options.Value;
        var heads = await grains.GetGrain<IOpenIncidentIndexGrain>(0).ListOpenAsync().WaitAsync(cancellationToken);
        var max = Math.Max(1, settings.MaxOpenIncidents);
        var shown = heads.Take(max).ToList();
        var reads = await Task.WhenAll(shown.Select(h => ReadOneAsync(h.IncidentId, now)));
        var open = new List<ReadIncident>();
        var unreadable = new List<UnreadableIncident>();
        foreach (var read in reads)
        {
            // The index may list an incident a moment after it ended; the store's ended list has it then.
            if (read.Incident is { } incident && IsOpen(incident.Incident.Status))
            {
                open.Add(incident);
            }
            else if (read.Problem is { } problem)
            {
                unreadable.Add(problem);
            }
        }

        var maxEnded = Math.Max(1, settings.MaxEndedIncidents);
        var endedHeads = await store.ListEndedSinceAsync(EndedSince(now, settings), maxEnded, cancellationToken);
        var openIds = open.Select(r => r.Incident.Id).ToHashSet(StringComparer.Ordinal);
        var ended = new List<ReadIncident>();
        foreach (var (incident, problem) in await Task.WhenAll(endedHeads.Where(h => !openIds.Contains(h.IncidentId)).Select(h => ReadEndedAsync(h, cancellationToken))))
        {
            if (incident is not null && !IsOpen(incident.Status))
            {
                ended.Add(new ReadIncident(incident, incident.Policy.Evaluate(incident, now)));
            }
            else if (problem is not null)
            {
                unreadable.Add(problem);
            }
        }

        var listed = endedHeads.Select(h => h.IncidentId).ToHashSet(StringComparer.Ordinal);
        foreach (var id in _ended.Keys.Where(id => !listed.Contains(id)))
        {
            _ended.TryRemove(id, out _);
        }

        return new PageSnapshot(now, open, ended, unreadable, heads.Count > shown.Count, endedHeads.Count >= maxEnded);
    }

    /// <summary>How far back the pages list ended incidents: the longer of the status page's resolved window and the
    /// dashboard's action-item lookback (negative settings count as zero).</summary>
    /// <param name="settings">The options.</param>
    /// <returns>The span.</returns>
    internal static Duration EndedLookback(IncidentPagesOptions settings) =>
        Duration.Max(Duration.Max(settings.ResolvedWindow, settings.ActionItemLookback), Duration.Zero);

    /// <summary>The earliest last event of an ended incident the pages read at <paramref name="now"/>:
    /// <see cref="EndedLookback"/> before it, or the start of time when the lookback reaches further.</summary>
    /// <param name="now">The clock's instant.</param>
    /// <param name="settings">The options.</param>
    /// <returns>The instant.</returns>
    internal static Instant EndedSince(Instant now, IncidentPagesOptions settings)
    {
        var lookback = EndedLookback(settings);
        return lookback >= now - Instant.MinValue ? Instant.MinValue : now - lookback;
    }

    /// <summary>Whether a status counts as open, as the event store's open list counts it.</summary>
    /// <param name="status">The status.</param>
    /// <returns><see langword="true"/> for triggered, acknowledged, investigating and mitigated.</returns>
    internal static bool IsOpen(IncidentStatus status) =>
        status is IncidentStatus.Triggered or IncidentStatus.Acknowledged or IncidentStatus.Investigating or IncidentStatus.Mitigated;

    // An ended incident from the store's log, replayed strictly; the replay kept from an earlier render when the head's
    // version has not moved since.
    private async Task<(Incident? Incident, UnreadableIncident? Problem)> ReadEndedAsync(IncidentHead head, CancellationToken cancellationToken)
    {
        if (_ended.TryGetValue(head.IncidentId, out var kept) && kept.Version == head.Version)
        {
            return (kept.Incident, null);
        }

        try
        {
            var events = await store.ReadAsync(head.IncidentId, cancellationToken);
            if (events.Count == 0)
            {
                return (null, new UnreadableIncident(head.IncidentId, "the event store lists the incident as ended but holds no events for it"));
            }

            var policy = await logs.PolicyOfAsync(events, cancellationToken);
            var incident = Incident.Replay(policy, head.IncidentId, events);
            _ended[head.IncidentId] = (head.Version, incident);
            return (incident, null);
        }
        catch (Exception e) when (e is EventLogException or ReplayException or InvalidOperationException or PolicyValidationException or InvalidDataException)
        {
            logger.LogWarning(e, "The pages could not read ended incident {IncidentId}", head.IncidentId);
            return (null, new UnreadableIncident(head.IncidentId, e.Message));
        }
    }

    /// <summary>Reads one incident by id (for rows that name an incident the snapshot does not hold).</summary>
    /// <param name="incidentId">The incident's id.</param>
    /// <param name="now">The evaluation instant.</param>
    /// <returns>The incident, nothing (no such incident), or why it could not be read.</returns>
    public async Task<(string Id, ReadIncident? Incident, UnreadableIncident? Problem)> ReadOneAsync(string incidentId, Instant now)
    {
        try
        {
            var log = await logs.ReadLogAsync(incidentId, CancellationToken.None);
            if (log is null)
            {
                return (incidentId, null, null);
            }

            var incident = await logs.ReplayAsync(log, lenient: false, CancellationToken.None);
            return (incidentId, new ReadIncident(incident, incident.Policy.Evaluate(incident, now)), null);
        }
        catch (Exception e) when (e is EventLogException or ReplayException or InvalidOperationException or PolicyValidationException or TimeoutException or OrleansException)
        {
            logger.LogWarning(e, "The pages could not read incident {IncidentId}", incidentId);
            return (incidentId, null, new UnreadableIncident(incidentId, e.Message));
        }
    }
}
