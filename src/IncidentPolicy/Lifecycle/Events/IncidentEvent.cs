using NodaTime;

namespace IncidentPolicy.Lifecycle;

/// <summary>
/// A fact in an incident's history. The event log — a list of these — is the source of truth:
/// <c>Incident.Replay</c> rebuilds the incident from it.
/// </summary>
/// <remarks>Events are immutable records and thread-safe, compared by value.</remarks>
/// <param name="At">When it happened.</param>
/// <param name="By">The id of the actor who did it (a person, or a bot or monitoring system).</param>
public abstract record IncidentEvent(Instant At, string By)
{
    /// <summary>The command that produces this event.</summary>
    public abstract CommandKind Kind { get; }

    /// <summary>The event's type as written in the event log, camelCase: <c>commanderAssigned</c>.</summary>
    public abstract string Type { get; }
}
