using NodaTime;

namespace IncidentPolicy.Lifecycle;

/// <summary>An alert fired again with the incident's dedup key and joined the incident instead of opening another, as
/// PagerDuty's Events API v2 groups alerts. It changes neither the status nor any deadline. Written
/// <c>alertJoined</c> in the event log.</summary>
/// <param name="At">When it happened.</param>
/// <param name="By">The id of the actor who did it: the alert source or the host's intake.</param>
/// <param name="Summary">What the joining alert says.</param>
/// <param name="DedupKey">The dedup key it came with: the incident's own (<see cref="Incident.DedupKey"/>).</param>
/// <param name="Severity">The severity as the alert source gave it, or null; recorded as said, not checked against the
/// policy and not applied to the incident (change the severity with <see cref="ChangeSeverity"/>).</param>
public sealed record AlertJoined(Instant At, string By, string Summary, string DedupKey, string? Severity = null) : IncidentEvent(At, By)
{
    /// <inheritdoc/>
    public override CommandKind Kind => CommandKind.JoinAlert;

    /// <inheritdoc/>
    public override string Type => "alertJoined";
}
