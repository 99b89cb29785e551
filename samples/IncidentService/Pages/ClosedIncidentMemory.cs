using System.Collections.Concurrent;
using IncidentPolicy.Lifecycle;
using IncidentPolicy.Primitives;
using NodaTime;

namespace IncidentService.Pages;

/// <summary>
/// What the pages remember about incidents that left the open-incident index. The index lists only open incidents and
/// the event store offers no query over closed ones, so the pages keep, in memory, every incident id they have seen
/// open; when one is no longer open they read its log once more and remember the closed incident — for the status
/// page's "resolved in the last 7 days" and the dashboard's overdue post-mortem action items.
/// </summary>
/// <remarks>
/// <para>Bounded: at most <c>capacity</c> closed incidents (those resolved longest ago are forgotten first), and a
/// closed incident is forgotten once it was resolved longer ago than the resolved window and has no open action item.
/// Ids seen open are bounded by the open-incident index itself (plus at most <c>capacity</c> more).</para>
/// <para>Not durable and per node: an incident opened and resolved between two reads of the pages on a node, or
/// before a restart, is not on that node's list. Other parts of the service may call <see cref="NoteOpen"/> when they
/// touch an incident (an intake, the API) to narrow that gap. Thread-safe.</para>
/// </remarks>
public sealed class ClosedIncidentMemory
{
    private readonly ConcurrentDictionary<string, byte> _seenOpen = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Incident> _closed = new(StringComparer.Ordinal);
    private readonly int _capacity;

    /// <summary>Creates an empty memory.</summary>
    /// <param name="capacity">How many closed incidents it keeps at most.</param>
    public ClosedIncidentMemory(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _capacity = capacity;
    }

    /// <summary>Notes that an incident is (or may be) open, so that its end is looked for on the next read.</summary>
    /// <param name="incidentId">The incident's id.</param>
    public void NoteOpen(string incidentId)
    {
        ArgumentNullException.ThrowIfNull(incidentId);
        if (_seenOpen.Count < _capacity * 4 || _seenOpen.ContainsKey(incidentId))
        {
            _seenOpen[incidentId] = 0;
        }
    }

    /// <summary>The ids noted open that are not in <paramref name="openNow"/>: incidents that have left the index
    /// since (or never were in it), whose logs are to be read once more.</summary>
    /// <param name="openNow">The ids the index lists now.</param>
    /// <returns>The ids.</returns>
    public IReadOnlyList<string> LeftSince(IReadOnlySet<string> openNow)
    {
        ArgumentNullException.ThrowIfNull(openNow);
        foreach (var id in openNow)
        {
            _closed.TryRemove(id, out _);
        }

        return [.. _seenOpen.Keys.Where(id => !openNow.Contains(id))];
    }

    /// <summary>Records what a re-read found for an id from <see cref="LeftSince"/>: the closed incident (kept), an
    /// incident open again (still watched), or nothing (forgotten).</summary>
    /// <param name="incidentId">The incident's id.</param>
    /// <param name="incident">The incident as its log replays now, or <see langword="null"/> when it has no log.</param>
    public void Record(string incidentId, Incident? incident)
    {
        ArgumentNullException.ThrowIfNull(incidentId);
        if (incident is not null && IsOpen(incident.Status))
        {
            return;
        }

        _seenOpen.TryRemove(incidentId, out _);
        if (incident is not null)
        {
            _closed[incidentId] = incident;
        }
    }

    /// <summary>The remembered closed incidents worth keeping at <paramref name="now"/>, after forgetting the rest:
    /// resolved within <paramref name="window"/>, or with an action item not done yet.</summary>
    /// <param name="now">The clock's instant.</param>
    /// <param name="window">How far back "recently resolved" reaches.</param>
    /// <returns>The incidents, most recently resolved first.</returns>
    public IReadOnlyList<Incident> Closed(Instant now, Duration window)
    {
        foreach (var (id, incident) in _closed)
        {
            if (!IsWorthKeeping(incident, now, window))
            {
                _closed.TryRemove(id, out _);
            }
        }

        var kept = _closed.Values.OrderByDescending(EndedAt).ThenBy(i => i.Id, StringComparer.Ordinal).ToList();
        foreach (var forgotten in kept.Skip(_capacity))
        {
            _closed.TryRemove(forgotten.Id, out _);
        }

        return [.. kept.Take(_capacity)];
    }

    /// <summary>Whether a status counts as open, as the open-incident index counts it.</summary>
    /// <param name="status">The status.</param>
    /// <returns><see langword="true"/> for triggered, acknowledged, investigating and mitigated.</returns>
    internal static bool IsOpen(IncidentStatus status) =>
        status is IncidentStatus.Triggered or IncidentStatus.Acknowledged or IncidentStatus.Investigating or IncidentStatus.Mitigated;

    private static Instant EndedAt(Incident incident) => incident.ResolvedAt ?? incident.ClosedAt ?? incident.LastEventAt;

    private static bool IsWorthKeeping(Incident incident, Instant now, Duration window) =>
        EndedAt(incident) >= now - window
        || incident.ActionItems.Any(a => a.Status is ActionItemStatus.Open or ActionItemStatus.InProgress);
}
