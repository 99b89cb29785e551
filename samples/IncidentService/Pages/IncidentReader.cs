using IncidentPolicy;
using IncidentPolicy.Lifecycle;
using IncidentPolicy.Primitives;
using IncidentPolicy.Obligations;
using IncidentPolicy.Orleans.Grains;
using IncidentPolicy.Serialization;
using IncidentService.Shared;
using Microsoft.Extensions.Options;
using NodaTime;

namespace IncidentService.Pages;

/// <summary>
/// Reads what the two pages show, from the grains: the open incidents (<see cref="IOpenIncidentIndexGrain"/>), each
/// one's event log replayed strictly, under the policy it names, by the service's one <see cref="IncidentLogReader"/>,
/// and evaluated at the injected clock's instant; and the recently closed ones the <see cref="ClosedIncidentMemory"/>
/// remembers.
/// </summary>
/// <remarks>Thread-safe. An incident whose log cannot be read or replayed is reported by id and reason, never thrown:
/// a page must render while one incident is broken.</remarks>
internal sealed class IncidentReader(
    IGrainFactory grains,
    IncidentLogReader logs,
    IClock clock,
    ClosedIncidentMemory memory,
    IOptions<IncidentPagesOptions> options,
    IServiceProvider services,
    ILogger<IncidentReader> logger)
{
    private readonly Lock _gate = new();
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

    /// <summary>Reads the open incidents and the remembered closed ones, evaluated now.</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The snapshot.</returns>
    public async Task<PageSnapshot> ReadAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetCurrentInstant();
        var heads = await grains.GetGrain<IOpenIncidentIndexGrain>(0).ListOpenAsync().WaitAsync(cancellationToken);
        var max = Math.Max(1, options.Value.MaxOpenIncidents);
        var shown = heads.Take(max).ToList();
        var reads = await Task.WhenAll(shown.Select(h => ReadOneAsync(h.IncidentId, now)));
        var open = new List<ReadIncident>();
        var unreadable = new List<UnreadableIncident>();
        foreach (var read in reads)
        {
            if (read.Incident is { } incident)
            {
                memory.NoteOpen(incident.Incident.Id);
                if (ClosedIncidentMemory.IsOpen(incident.Incident.Status))
                {
                    open.Add(incident);
                }
            }
            else if (read.Problem is { } problem)
            {
                unreadable.Add(problem);
            }
        }

        var openIds = heads.Select(h => h.IncidentId).ToHashSet(StringComparer.Ordinal);
        foreach (var left in await Task.WhenAll(memory.LeftSince(openIds).Select(id => ReadOneAsync(id, now))))
        {
            if (left.Problem is null)
            {
                memory.Record(left.Id, left.Incident?.Incident);
            }
        }

        var closed = memory.Closed(now, options.Value.ResolvedWindow)
            .Select(i => new ReadIncident(i, i.Policy.Evaluate(i, now)))
            .ToList();
        return new PageSnapshot(now, open, closed, unreadable, heads.Count > shown.Count);
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
