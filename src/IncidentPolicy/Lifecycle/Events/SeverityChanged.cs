using NodaTime;

namespace IncidentPolicy.Lifecycle;

/// <summary>The severity changed. Written <c>severityChanged</c> in the event log.</summary>
/// <param name="At">When it happened.</param>
/// <param name="By">The id of the actor who did it.</param>
/// <param name="Severity">The new severity id.</param>
/// <param name="Reason">Why, or null.</param>
public sealed record SeverityChanged(Instant At, string By, string Severity, string? Reason = null) : IncidentEvent(At, By)
{
    /// <inheritdoc/>
    public override CommandKind Kind => CommandKind.ChangeSeverity;

    /// <inheritdoc/>
    public override string Type => "severityChanged";
}
