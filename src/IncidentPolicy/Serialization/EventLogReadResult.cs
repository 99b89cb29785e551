using System.Diagnostics.CodeAnalysis;
using IncidentPolicy.Lifecycle;

namespace IncidentPolicy.Serialization;

/// <summary>
/// What reading an event log gave: the events read, in log order, and the error that stopped reading, if any.
/// </summary>
/// <remarks>
/// <para>When <see cref="Error"/> is set, <see cref="Events"/> still holds every event before the bad one, exactly as
/// written: a host that crashed while appending can keep them and set the torn last line aside. A problem with the
/// log as a whole (<see cref="EventLogError.Index"/> -1) keeps no events, because nothing in such a log can be
/// trusted — except a JSON syntax error inside a document's <c>events</c> list, which is reported for the event it
/// falls in.</para>
/// <para>Instances are immutable and thread-safe.</para>
/// </remarks>
public sealed class EventLogReadResult
{
    internal EventLogReadResult(string? incidentId, IReadOnlyList<IncidentEvent> events, EventLogError? error)
    {
        IncidentId = incidentId;
        Events = events is List<IncidentEvent> list ? list.AsReadOnly() : events;
        Error = error;
    }

    /// <summary>The incident id of a document (<c>"incident"</c>); null for JSON Lines, which carry no header, and
    /// for a document whose <c>incident</c> was not read before the error.</summary>
    public string? IncidentId { get; }

    /// <summary>The events read, in log order (events with equal instants keep that order); when
    /// <see cref="Error"/> is set, those before the bad event. Never null.</summary>
    public IReadOnlyList<IncidentEvent> Events { get; }

    /// <summary>The problem that stopped reading, or null when the whole log was read.</summary>
    public EventLogError? Error { get; }

    /// <summary><see langword="true"/> when the whole log was read (<see cref="Error"/> is null).</summary>
    [MemberNotNullWhen(false, nameof(Error))]
    public bool Succeeded => Error is null;
}
