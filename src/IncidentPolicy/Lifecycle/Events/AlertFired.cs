using NodaTime;

namespace IncidentPolicy.Lifecycle;

/// <summary>The alert fired and the incident opened. Written <c>alertFired</c> in the event log.</summary>
/// <param name="At">When it happened.</param>
/// <param name="By">The id of the actor who did it.</param>
/// <param name="Summary">What the alert says, e.g. "Checkout error rate > 5%".</param>
/// <param name="Service">The affected service, or null.</param>
/// <param name="Severity">An initial severity id, or null when the severity is assessed later.</param>
/// <param name="PolicyHash">The content hash of the policy in force at the alert, or null.</param>
/// <param name="DedupKey">The alert source's de-duplication key, or null; left out of the log when null, so logs
/// written before it existed are written back byte for byte.</param>
public sealed record AlertFired(Instant At, string By, string Summary, string? Service = null, string? Severity = null, string? PolicyHash = null, string? DedupKey = null)
    : IncidentEvent(At, By)
{
    /// <inheritdoc/>
    public override CommandKind Kind => CommandKind.RaiseAlert;

    /// <inheritdoc/>
    public override string Type => "alertFired";
}
