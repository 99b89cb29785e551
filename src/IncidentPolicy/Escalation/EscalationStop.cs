namespace IncidentPolicy.Escalation;

/// <summary>When an <see cref="EscalationPolicy"/> stops notifying. Written camelCase in JSON (<c>acknowledged</c>).</summary>
/// <remarks>See <see cref="EscalationPolicy.HasStopped"/> for the exact test.</remarks>
public enum EscalationStop
{
    /// <summary>Once someone acknowledges (PagerDuty): any status past <see cref="IncidentStatus.Triggered"/> — a
    /// declaration, resolution, decline or merge ends the paging as well.</summary>
    Acknowledged,

    /// <summary>Only once the incident is resolved, declined or merged (Opsgenie's "if not closed"): acknowledging
    /// does not stop it.</summary>
    Resolved,
}
