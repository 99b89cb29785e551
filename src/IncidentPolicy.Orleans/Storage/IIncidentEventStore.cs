using IncidentPolicy.Lifecycle;
using NodaTime;

namespace IncidentPolicy.Orleans.Storage;

/// <summary>
/// Where incident grains keep each incident's event log: append-only, one entry per event, at most one event per
/// incident and version. An incident grain appends every accepted event here before it answers the command, and
/// replays the log when it is activated (on any silo).
/// </summary>
/// <remarks>
/// <para>Implementations: <see cref="InMemoryIncidentEventStore"/> (tests and dev mode; lost with the process) and
/// the PostgreSQL store of the <c>IncidentPolicy.Orleans.PostgreSql</c> package. An implementation must be safe to call
/// from many grains at once, and must refuse an append whose version is already stored — even when two activations of
/// the same incident exist for a moment on two silos — so that nothing accepted is ever overwritten.</para>
/// <para>Besides the events, a store keeps one <see cref="IncidentHead"/> per incident, written in the same step as
/// the event that produced it, so the open-incident index, alert de-duplication and the list of ended incidents
/// survive a lost silo; and the text of every policy an incident was opened under, by content hash, so an incident
/// replays under its own policy after the host's policy changed.</para>
/// </remarks>
public interface IIncidentEventStore
{
    /// <summary>Reads an incident's events in log order (version 1 first).</summary>
    /// <param name="incidentId">The incident's id.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The events; empty when the incident has none.</returns>
    Task<IReadOnlyList<IncidentEvent>> ReadAsync(string incidentId, CancellationToken cancellationToken = default);

    /// <summary>Appends one event as version <paramref name="expectedVersion"/> + 1 and stores
    /// <paramref name="head"/> as the incident's head, in one step.</summary>
    /// <param name="incidentId">The incident's id.</param>
    /// <param name="expectedVersion">The version the writer last read (0 for a new incident).</param>
    /// <param name="incidentEvent">The event to append.</param>
    /// <param name="head">The incident's head after the event.</param>
    /// <param name="cancellationToken">Cancels the append.</param>
    /// <returns><see langword="true"/> when appended; <see langword="false"/> when that version is already stored
    /// (another writer appended first), in which case nothing was written.</returns>
    Task<bool> AppendAsync(string incidentId, int expectedVersion, IncidentEvent incidentEvent, IncidentHead head, CancellationToken cancellationToken = default);

    /// <summary>Lists the heads of every open incident: status <see cref="IncidentStatus.Triggered"/>,
    /// <see cref="IncidentStatus.Acknowledged"/>, <see cref="IncidentStatus.Investigating"/> or
    /// <see cref="IncidentStatus.Mitigated"/> (not resolved, in post-mortem, closed, declined or merged).</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The heads, ordered by the alert's instant, then by id.</returns>
    Task<IReadOnlyList<IncidentHead>> ListOpenAsync(CancellationToken cancellationToken = default);

    /// <summary>Lists the heads of incidents that have ended — every incident that is not open in the sense of
    /// <see cref="ListOpenAsync"/> (resolved, in post-mortem, closed, declined or merged) — whose last event happened
    /// at or after <paramref name="since"/>: the incidents a status page's "recently resolved" list and a dashboard's
    /// overdue post-mortem action items are drawn from, exact across silos and restarts.</summary>
    /// <param name="since">The earliest <see cref="IncidentHead.LastEventAt"/> listed (inclusive). Any instant is
    /// accepted; one before every stored instant lists every ended incident.</param>
    /// <param name="limit">How many heads to answer at most; at least 1. The newest are kept, so a caller that reads
    /// the first <paramref name="limit"/> never misses an incident more recent than one it was given.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The heads, newest <see cref="IncidentHead.LastEventAt"/> first, then by id (ordinal); at most
    /// <paramref name="limit"/>. An incident reopened since it ended is open again and not listed; one whose head
    /// moves on (a note added after it was resolved, a post-mortem step) is listed by its newest event.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="limit"/> is less than 1.</exception>
    Task<IReadOnlyList<IncidentHead>> ListEndedSinceAsync(Instant since, int limit, CancellationToken cancellationToken = default);

    /// <summary>Finds the open incident whose opening alert carried <paramref name="dedupKey"/>.</summary>
    /// <param name="dedupKey">The alert's de-duplication key, as the incident recorded it.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The incident's id, or <see langword="null"/> when no open incident has that key.</returns>
    Task<string?> FindOpenByDedupKeyAsync(string dedupKey, CancellationToken cancellationToken = default);

    /// <summary>Keeps a policy's text under its content hash; storing the same hash again changes nothing.</summary>
    /// <param name="hash">The policy's <see cref="ResponsePolicy.ContentHash"/>.</param>
    /// <param name="policyJson">The policy as <c>PolicyJson.Serialize</c> writes it.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when the policy is stored.</returns>
    Task SavePolicyAsync(string hash, string policyJson, CancellationToken cancellationToken = default);

    /// <summary>Reads a policy's text by its content hash.</summary>
    /// <param name="hash">The policy's content hash.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The text stored by <see cref="SavePolicyAsync"/>, or <see langword="null"/> when there is none.</returns>
    Task<string?> ReadPolicyAsync(string hash, CancellationToken cancellationToken = default);
}
