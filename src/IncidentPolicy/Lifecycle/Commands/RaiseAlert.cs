using NodaTime;

namespace IncidentPolicy.Lifecycle;

/// <summary>An alert fires: opens the incident in the triggered state.</summary>
/// <param name="Summary">What the alert says, e.g. "Checkout error rate > 5%".</param>
/// <param name="Service">The affected service, or null.</param>
/// <param name="Severity">An initial severity id, or null when the severity is assessed later.</param>
/// <param name="DedupKey">The alert source's de-duplication key (at most <see cref="Limits.MaxDedupKeyLength"/>
/// characters, as PagerDuty's), or null: while the incident is open, an alert with the same key joins it
/// (<see cref="JoinAlert"/>) and a clear with it is recorded on it (<see cref="ClearAlert"/>).</param>
public sealed record RaiseAlert(string Summary, string? Service = null, string? Severity = null, string? DedupKey = null) : IncidentCommand
{
    /// <inheritdoc/>
    public override CommandKind Kind => CommandKind.RaiseAlert;

    internal override IncidentEvent ToEvent(Instant at, string by) => new AlertFired(at, by, Summary, Service, Severity, null, DedupKey);
}
