using NodaTime;

namespace IncidentPolicy.Lifecycle;

/// <summary>Change the severity; targets of the new severity are planned afresh from now.</summary>
/// <param name="Severity">The new severity id.</param>
/// <param name="Reason">Why, or null.</param>
public sealed record ChangeSeverity(string Severity, string? Reason = null) : IncidentCommand
{
    /// <inheritdoc/>
    public override CommandKind Kind => CommandKind.ChangeSeverity;

    internal override IncidentEvent ToEvent(Instant at, string by) => new SeverityChanged(at, by, Severity, Reason);
}
