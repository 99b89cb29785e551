using NodaTime;

namespace IncidentPolicy.Lifecycle;

/// <summary>The alert source says the alert with the incident's dedup key has cleared (PagerDuty's <c>resolve</c>
/// event action). A fact about the source, not about the incident: it does not resolve the incident — only the
/// policy's resolve rules do that, through <see cref="Resolve"/>. Written <c>alertCleared</c> in the event log.</summary>
/// <param name="At">When it happened.</param>
/// <param name="By">The id of the actor who did it: the alert source or the host's intake.</param>
/// <param name="DedupKey">The dedup key the clear came with: the incident's own (<see cref="Incident.DedupKey"/>).</param>
public sealed record AlertCleared(Instant At, string By, string DedupKey) : IncidentEvent(At, By)
{
    /// <inheritdoc/>
    public override CommandKind Kind => CommandKind.ClearAlert;

    /// <inheritdoc/>
    public override string Type => "alertCleared";
}
