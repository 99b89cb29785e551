namespace IncidentPolicy.Lifecycle;

/// <summary>
/// Thrown by a strict <see cref="Incident.Replay(ResponsePolicy, string, IEnumerable{IncidentEvent})"/> when an
/// event of the log is one the lifecycle would have rejected: it names the event's index and the rule.
/// </summary>
public sealed class ReplayException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="eventIndex">The index of the offending event (0-based).</param>
    /// <param name="rejection">Why the event is not valid there.</param>
    public ReplayException(int eventIndex, Rejection rejection)
        : base($"Event {eventIndex}: {rejection?.Reason} ({rejection?.RuleId})")
    {
        ArgumentNullException.ThrowIfNull(rejection);
        EventIndex = eventIndex;
        Rejection = rejection;
    }

    /// <summary>The index of the offending event in the log (0-based).</summary>
    public int EventIndex { get; }

    /// <summary>Why the event is not valid there.</summary>
    public Rejection Rejection { get; }
}
