namespace IncidentPolicy.Escalation;

/// <summary>
/// The moment an <see cref="ElapsedSinceCondition"/> counts from. Written camelCase in JSON (<c>lastUpdate</c>).
/// </summary>
public enum ElapsedAnchor
{
    /// <summary>The alert (<see cref="IncidentFacts.AlertAt"/>); always known.</summary>
    Alert,

    /// <summary>The acknowledgement (<see cref="IncidentFacts.AcknowledgedAt"/>); unknown until someone acknowledges.</summary>
    Acknowledged,

    /// <summary>The declaration (<see cref="IncidentFacts.DeclaredAt"/>); unknown until the incident is declared.</summary>
    Declared,

    /// <summary>The latest status update of any audience (<see cref="IncidentFacts.LastUpdateAt"/>), or the alert
    /// when none has been posted: silence is counted from the start of the incident.</summary>
    LastUpdate,

    /// <summary>The resolution (<see cref="IncidentFacts.ResolvedAt"/>); unknown until the incident is resolved.</summary>
    Resolved,
}
