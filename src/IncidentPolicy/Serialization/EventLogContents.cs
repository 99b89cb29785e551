using IncidentPolicy.Lifecycle;

namespace IncidentPolicy.Serialization;

/// <summary>
/// What an event log holds: its events, in log order, and the incident id of a document. It is what
/// <see cref="EventLogJson.Parse"/> and <see cref="EventLogJson.Load"/> return, and what
/// <see cref="EventLogJson.TryParse"/> and <see cref="EventLogJson.TryLoad"/> give for a good log and for a bad one.
/// </summary>
/// <remarks>
/// <para>When the log is bad, these are the contents read before the first problem: every event before the bad one,
/// exactly as written, so a host that crashed while appending can keep them and set the torn last line aside. A
/// problem with the log as a whole (<see cref="EventLogError.Index"/> -1) keeps no events, because nothing in such a
/// log can be trusted — except a JSON syntax error inside a document's <c>events</c> list, which is reported for the
/// event it falls in. <see cref="EventLogException.Contents"/> carries the same.</para>
/// <para>Instances are immutable and thread-safe.</para>
/// </remarks>
public sealed class EventLogContents
{
    internal EventLogContents(string? incidentId, IReadOnlyList<IncidentEvent> events)
    {
        IncidentId = incidentId;
        Events = events is List<IncidentEvent> list ? list.AsReadOnly() : events;
    }

    /// <summary>The incident id of a document (<c>"incident"</c>); null for JSON Lines, which carry no header, and
    /// for a document whose <c>incident</c> was not read before the problem that stopped reading.</summary>
    public string? IncidentId { get; }

    /// <summary>The events, in log order (events with equal instants keep that order); for a bad log, those before
    /// the bad event. Never null.</summary>
    public IReadOnlyList<IncidentEvent> Events { get; }
}
